// Runs in the page (Playwright EvaluateAsync). Finds what a person sees as broken layout:
// - the page is wider than the viewport (outside an element that scrolls sideways itself);
// - a visible control, label or heading, or the text in it, lies under another element, so it can be neither
//   read nor clicked where it shows (document.elementFromPoint at its centre and at the first line of each of
//   its texts must answer the element, a descendant, or for a text the element that holds the text).
// Returns { overflow: string[], covered: string[] } naming the offending elements.
() => {
  const describe = el => {
    if (!el) {
      return 'nothing';
    }
    let name = el.tagName.toLowerCase();
    if (el.id) {
      name += '#' + el.id;
    }
    const classes = [...el.classList].slice(0, 3);
    if (classes.length) {
      name += '.' + classes.join('.');
    }
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return text ? `${name} "${text}"` : name;
  };

  const shown = el => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) {
      return false;
    }
    const box = el.getBoundingClientRect();
    // 1 px boxes are the visually-hidden pattern (for screen readers only).
    if (box.width < 2 || box.height < 2) {
      return false;
    }
    // Placed outside the document on purpose until focused (the skip link).
    return box.right + scrollX > 0 && box.bottom + scrollY > 0;
  };

  const startX = scrollX;
  const startY = scrollY;
  scrollTo(0, 0);

  const overflow = [];
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > innerWidth) {
    const clipsX = el => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const insideScroller = el => {
      for (let up = el.parentElement; up && up !== document.body && up !== document.documentElement; up = up.parentElement) {
        if (clipsX(up)) {
          return true;
        }
      }
      return false;
    };
    const overflows = el => {
      const box = el.getBoundingClientRect();
      return (box.width > 0 || box.height > 0) && box.right > innerWidth + 0.5;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const parent = el.parentElement;
      if (overflows(el) && !insideScroller(el) && !(parent && parent !== document.body && overflows(parent))) {
        overflow.push(`${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)} px`);
      }
      if (overflow.length === 8) {
        break;
      }
    }
    overflow.unshift(`the page is ${pageWidth} px wide in a ${innerWidth} px viewport`);
  }

  const scrolled = new Map();
  const remember = el => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (!scrolled.has(up) && (up.scrollWidth > up.clientWidth || up.scrollHeight > up.clientHeight)) {
        scrolled.set(up, [up.scrollLeft, up.scrollTop]);
      }
    }
  };
  const centre = box => [box.left + box.width / 2, box.top + box.height / 2];

  const covered = [];
  const targets = [...document.querySelectorAll('a, button, input, select, textarea, summary, label, [role=button], h1, h2, h3, h4')]
    .filter(shown);
  for (const el of targets) {
    remember(el);
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    // An inline element over two lines: the middle of its bounding box may lie between its pieces.
    const pieces = el.getClientRects();
    const points = [[...centre(pieces.length > 1 ? pieces[0] : el.getBoundingClientRect()), el]];
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (texts.nextNode() && points.length < 7) {
      const text = texts.currentNode;
      const holder = text.parentElement;
      if (!text.data.trim() || !holder || holder.closest('select, textarea, option') || !holder.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) {
        continue;
      }
      const range = document.createRange();
      range.selectNodeContents(text);
      const line = [...range.getClientRects()].find(box => box.width >= 2 && box.height >= 2);
      if (line) {
        points.push([...centre(line), holder]);
      }
    }
    for (const [x, y, own] of points) {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === own || own.contains(hit) || hit === el)) {
        const where = own === el ? '' : ` (its text in ${describe(own)})`;
        covered.push(`${describe(el)}${where} is covered by ${describe(hit)} at (${Math.round(x)}, ${Math.round(y)})`);
        break;
      }
    }
  }

  for (const [el, [left, top]] of scrolled) {
    el.scrollLeft = left;
    el.scrollTop = top;
  }
  scrollTo(startX, startY);
  return { overflow, covered };
}
