// What a reader in the meeting room cannot read on the page as drawn: returns a list of
// problems (strings). Run by tests/browser/test_readable.py in every page, at each size.
(english) => {
  const problems = [];
  const short = (text) => (text || "").replace(/\s+/g, " ").trim().slice(0, 70);

  // An element whose text is cut: wider (or taller) than its box while its overflow is
  // hidden or ends in an ellipsis, checked on the element and everything inside it.
  const cut = (root) => {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      const style = getComputedStyle(el);
      const clipsX = style.overflowX !== "visible" || style.textOverflow === "ellipsis";
      const clipsY = style.overflowY !== "visible" || style.webkitLineClamp !== "none";
      if (clipsX && el.scrollWidth > el.clientWidth + 1) return true;
      if (clipsY && el.scrollHeight > el.clientHeight + 1) return true;
    }
    return false;
  };
  for (const card of document.querySelectorAll('[data-testid="stMetric"]')) {
    for (const part of card.querySelectorAll(
      '[data-testid="stMetricLabel"], [data-testid="stMetricValue"], [data-testid="stMetricDelta"]'
    )) {
      if (cut(part)) problems.push(`chiffre clé coupé : « ${short(part.innerText)} »`);
    }
  }
  for (const th of document.querySelectorAll('[data-testid="stMain"] th, [data-testid="stTable"] th')) {
    if (cut(th)) problems.push(`en-tête de tableau coupé : « ${short(th.innerText)} »`);
  }

  // Plotly: the title, the axis titles and the value labels inside the figure; the legend
  // never over the title.
  const inside = (box, frame) =>
    box.left >= frame.left - 1 && box.right <= frame.right + 1 &&
    box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
  const overlap = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    const svg = plot.querySelector(".main-svg");
    if (!svg) continue;
    const frame = svg.getBoundingClientRect();
    const title = plot.querySelector(".infolayer .gtitle");
    const name = short(title ? title.textContent : "(sans titre)");
    if (title && !inside(title.getBoundingClientRect(), frame)) {
      problems.push(`titre de graphique coupé : « ${name} »`);
    }
    for (const axis of plot.querySelectorAll(".infolayer .xtitle, .infolayer .ytitle")) {
      if (!inside(axis.getBoundingClientRect(), frame)) {
        problems.push(`titre d'axe coupé : « ${short(axis.textContent)} » (${name})`);
      }
    }
    for (const label of plot.querySelectorAll(".bartext, .textpoint text")) {
      const box = label.getBoundingClientRect();
      if (box.width > 0 && !inside(box, frame)) {
        problems.push(`étiquette coupée : « ${short(label.textContent)} » (${name})`);
      }
    }
    const legend = plot.querySelector(".infolayer .legend");
    if (title && legend && overlap(title.getBoundingClientRect(), legend.getBoundingClientRect())) {
      problems.push(`légende sur le titre : « ${name} »`);
    }
  }

  // English words of Streamlit, plotly or Leaflet in any visible text (a text node counts
  // when it takes room on the screen), in the page and in its same-origin frames.
  const pattern = new RegExp(`(^|[^\\p{L}])(${english.join("|")})(?![\\p{L}])`, "u");
  const documents = [document];
  for (const frame of document.querySelectorAll("iframe")) {
    try {
      if (frame.contentDocument) documents.push(frame.contentDocument);
    } catch (error) {
      // another origin: not the app's
    }
  }
  for (const doc of documents) {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = node.textContent.match(pattern);
      if (!match) continue;
      const parent = node.parentElement;
      if (!parent || ["SCRIPT", "STYLE", "TEMPLATE"].includes(parent.tagName)) continue;
      const style = doc.defaultView.getComputedStyle(parent);
      if (style.visibility === "hidden" || style.opacity === "0") continue;
      const range = doc.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      problems.push(`texte en anglais : « ${match[2]} » dans « ${short(node.textContent)} »`);
    }
  }
  return problems;
}
