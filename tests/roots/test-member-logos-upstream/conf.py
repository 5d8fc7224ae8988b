# Stand-in logos for members.yml are drawn by the test into images/member-logos/.
extensions = ["sphinx_alliance"]
