/* sphinx-alliance FAQ: open the entry that a link points at, or that holds a search
   highlight or a Read the Docs diff mark, and every entry for print. */
"use strict";
(() => {
  // Open every details around *target*; true if any was closed.
  const reveal = (target) => {
    let opened = false;
    for (let d = target.closest("details"); d; d = d.parentElement.closest("details")) {
      opened = opened || !d.open;
      d.open = true;
    }
    return opened;
  };

  const targetOf = (hash) => {
    try {
      return hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    } catch {
      return null; // a malformed %-escape
    }
  };

  const revealHash = () => {
    // The browser scrolls to a target it can show; it cannot to one it had hidden.
    const target = targetOf(location.hash);
    if (target && reveal(target)) target.scrollIntoView();
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", revealHash);
  } else {
    revealHash();
  }
  window.addEventListener("hashchange", revealHash);

  // A link to the current fragment fires no hashchange: open its target before
  // the browser scrolls to it.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link && link.hash && link.hash === location.hash && link.pathname === location.pathname) {
      const target = targetOf(link.hash);
      if (target) reveal(target);
    }
  });

  // Marks that another script puts on words: Sphinx's search highlight (sphinx_highlight.js,
  // before or after this script) and the changes of Read the Docs' visual diff (docdiff).
  const MARKS = "span.highlighted, .doc-diff-added, .doc-diff-modified, .doc-diff-removed";
  const revealMarks = (root) => {
    for (const mark of root.matches(MARKS) ? [root] : root.querySelectorAll(MARKS)) {
      if (mark.closest(".sa-faq")) reveal(mark);
    }
  };
  revealMarks(document.documentElement);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node instanceof Element) revealMarks(node);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Browsers without ::details-content print closed answers only when opened.
  let closed = [];
  window.addEventListener("beforeprint", () => {
    closed = [...document.querySelectorAll("details.sa-faq-details:not([open])")];
    for (const d of closed) d.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const d of closed) d.open = false;
    closed = [];
  });
})();
