/* sphinx-alliance FAQ: open the entry a link points at, and every entry for print. */
"use strict";
(() => {
  // Open the details of *target*'s own entry (when it is the entry or one of its
  // extra-id spans) and every details that encloses it; true if any was closed.
  const reveal = (target) => {
    const parent = target.parentElement;
    const entry = target.classList.contains("sa-faq")
      ? target
      : target.tagName === "SPAN" && parent && parent.classList.contains("sa-faq")
        ? parent
        : null;
    const closed = [];
    if (entry) closed.push(entry.querySelector(":scope > details"));
    for (let d = target.closest("details"); d; d = d.parentElement.closest("details")) {
      closed.push(d);
    }
    let opened = false;
    for (const d of closed) {
      if (d && !d.open) {
        d.open = true;
        opened = true;
      }
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
