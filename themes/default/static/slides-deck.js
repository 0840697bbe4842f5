/* uprkit slides, what is on them: the slides of a page of the guide, of a
   handout of slides, or of a workshop's deck (its agenda's order). Each
   `##` section is a slide, after one with the page's title; `<!-- slide -->`
   in the Markdown starts another slide within a section, and what is
   between `<!-- slides: hide -->` and `<!-- slides: show -->` stays on the
   page and off the slides. Facilitator notes are never on a slide: they
   are the presenter's notes. `window.uprkitSlideDeck.collect()` gives the
   slides (each its body, notes, language and title) and the edition the
   presenter alone sees; slides.js, loaded after it, shows them. */
(function () {
  "use strict";
  if (window.uprkitSlideDeck) { return; }
  var root = document.documentElement;
  var slides = [];
  // "Facilitator edition", in a facilitator's deck: the presenter's to see.
  var presenterEdition = "";
  // "Not translated yet", in a deck of a workshop with no version in its language.
  var untranslatedText = "";

  // A copy of `node` for a slide: no ids (the page keeps them), no
  // controls that belong to the page, and checkboxes shown as they are.
  function copy(node) {
    var clone = node.cloneNode(true);
    var all = [clone].concat(Array.prototype.slice.call(clone.querySelectorAll ? clone.querySelectorAll("*") : []));
    all.forEach(function (el) {
      if (!el.removeAttribute) { return; }
      el.removeAttribute("id");
      if (el.tagName === "LABEL") { el.removeAttribute("for"); }
      if (el.tagName === "INPUT") { el.disabled = true; el.removeAttribute("name"); }
      if (el.tagName === "A" && (el.getAttribute("href") || "").charAt(0) === "#") { el.removeAttribute("href"); }
    });
    Array.prototype.slice.call(clone.querySelectorAll ? clone.querySelectorAll(".footnote-ref, .checklist-tools, .heading-anchor") : []).forEach(function (el) {
      el.parentNode.removeChild(el);
    });
    return clone;
  }

  function newSlide(source, kind) {
    var phase = ((source.className || "").match(/\bphase-[a-z0-9-]+/) || [""])[0];
    var slide = { body: document.createElement("div"), notes: [], lang: source.getAttribute("lang") || root.getAttribute("lang") || "", dir: source.getAttribute("dir") || "", kind: kind, title: "", phase: phase };
    slides.push(slide);
    return slide;
  }

  // The slides of one page: `source` holds its h1 and its `.content`. With
  // `only` (one of its `##` headings), the slides of that section alone.
  function fromSource(source, only) {
    var content = source.querySelector(".content");
    if (!content) { return; }
    var first = null;
    if (!only) {
      first = newSlide(source, "title");
      var label = source.querySelector(":scope > .page-header > .phase-label, :scope > .phase-label");
      if (label) { first.body.appendChild(copy(label)); }
      var h1 = source.querySelector("h1");
      if (h1) { first.body.appendChild(copy(h1)); first.title = h1.textContent; }
      var summary = source.querySelector(":scope > .page-header > .summary, :scope > .summary");
      if (summary) { first.body.appendChild(copy(summary)); }
    }
    // A new slide headed by `heading`'s words (marked as continued, or not).
    function headed(text, node, continued) {
      var next = newSlide(source, "section");
      next.title = text;
      var head = node ? copy(node) : document.createElement("h2");
      if (!node) { head.textContent = text; }
      if (continued) { head.classList.add("slide-continued"); }
      next.body.appendChild(head);
      return next;
    }
    var slide = first, heading = null, inside = !only;
    Array.prototype.forEach.call(content.children, function (child) {
      if (only && child.tagName === "H2") { inside = child === only; }
      if (!inside || child.matches(".not-on-slides, .footnotes, .page-progress, script, style")) { return; }
      if (child.matches(".callout-facilitator")) {
        var note = copy(child);
        var noteTitle = note.querySelector(".callout-title");
        if (noteTitle) { noteTitle.parentNode.removeChild(noteTitle); }
        slide.notes.push(note);
      } else if (child.tagName === "H2") {
        heading = child;
        slide = headed(child.textContent, child, false);
      } else if (child.matches(".slide-break")) {
        slide = heading ? headed(heading.textContent, heading, true) : headed(first.title, null, true);
      } else {
        // Text before the first `##` is on the title slide, if it is short;
        // the rest on a slide headed by the page's title.
        if (slide === first && slide.body.textContent.length + child.textContent.length > 600) {
          var lead = slide.body.lastElementChild;
          slide = headed(first.title, null, true);
          // A sentence that leads into a list ("In this phase you will:") goes with it.
          if (/^(UL|OL)$/.test(child.tagName) && lead && lead.tagName === "P" && /[:：]\s*$/.test(lead.textContent)) {
            slide.body.appendChild(lead);
          }
        }
        slide.body.appendChild(copy(child));
      }
    });
  }

  // A slide of the workshop's own: a day, session, activity or break.
  function agendaSlide(step) {
    var slide = newSlide(root, "agenda agenda-" + step.kind);
    var heading = document.createElement(step.kind === "activity" ? "h2" : "h1");
    heading.textContent = step.title;
    ownWords(heading, step);
    slide.body.appendChild(heading);
    slide.title = step.title;
    if (step.when || step.duration) {
      var p = document.createElement("p");
      p.className = "slide-when";
      // Clock times read left to right in every language.
      if (step.when) {
        var time = document.createElement("bdi");
        time.setAttribute("dir", "ltr");
        time.textContent = step.when;
        p.appendChild(time);
      }
      if (step.when && step.duration) { p.appendChild(document.createTextNode(" · ")); }
      if (step.duration) { p.appendChild(document.createTextNode(step.duration)); }
      slide.body.appendChild(p);
    }
    if (step.materials && step.materials.length) {
      var list = document.createElement("ul");
      step.materials.forEach(function (material) {
        var li = document.createElement("li");
        li.textContent = material;
        list.appendChild(li);
      });
      ownWords(list, step);
      slide.body.appendChild(list);
    }
    if (step.lang && untranslatedText) { untranslated(slide.body); }
  }

  // The workshop's own words in the language they are written in, where
  // the workshop has no version in the reader's.
  function ownWords(el, step) {
    if (!step.lang) { return; }
    el.setAttribute("lang", step.lang);
    el.setAttribute("dir", step.dir || "auto");
  }

  // "Not translated yet", in the reader's language, under such words.
  function untranslated(body) {
    var mark = document.createElement("p");
    mark.className = "slide-untranslated";
    mark.textContent = untranslatedText;
    body.appendChild(mark);
  }

  // The first slide of a handout of slides: its title page, but for the
  // edition ("Facilitator edition"), which is the presenter's to see.
  function coverSlide(cover) {
    var slide = newSlide(root, "cover");
    withLogo(slide, cover.querySelector(".handout-logo"));
    ["h1", ".handout-subtitle", ".handout-organisation"].forEach(function (selector) {
      var el = cover.querySelector(selector);
      if (el) { slide.body.appendChild(copy(el)); }
    });
    var subtitle = cover.querySelector(".handout-subtitle[data-untranslated]");
    if (subtitle) {
      untranslatedText = subtitle.getAttribute("data-untranslated");
      untranslated(slide.body);
    }
    slide.title = (cover.querySelector("h1") || {}).textContent || "";
    var edition = cover.querySelector(".handout-presenter-edition");
    if (edition) {
      presenterEdition = edition.textContent;
      slide.notes.push(copy(edition));
    }
  }

  // The brand's logo (the site's header's, or the handout's title page's)
  // at the top of the first slide.
  function withLogo(slide, logo) {
    if (!logo) { return; }
    var image = copy(logo);
    image.className = "slide-logo";
    slide.body.insertBefore(image, slide.body.firstChild);
  }

  function collect() {
    slides = [];
    var plan = document.getElementById("deck-plan");
    if (plan) {
      // A workshop's deck: the agenda's order.
      var cover = document.querySelector("[data-slides-deck] .title-page");
      if (cover) { coverSlide(cover); }
      JSON.parse(plan.textContent).forEach(function (step) {
        if (step.kind !== "page") { agendaSlide(step); return; }
        var source = document.getElementById(step.id);
        if (!source) { return; }
        var heading = step.heading && document.getElementById(step.heading);
        fromSource(source, heading || null);
      });
      return;
    }
    var sources = document.querySelectorAll("[data-slides-deck] main > section.handout-page");
    if (sources.length) {
      var cover = document.querySelector("[data-slides-deck] .title-page");
      if (cover) { coverSlide(cover); }
      Array.prototype.forEach.call(sources, fromSource);
    } else {
      var article = document.querySelector("article.page");
      if (article) { fromSource(article); }
      if (slides[0]) { withLogo(slides[0], document.querySelector(".site-logo")); }
    }
  }


  window.uprkitSlideDeck = {
    collect: function () {
      presenterEdition = "";
      untranslatedText = "";
      collect();
      return { slides: slides, edition: presenterEdition };
    },
  };
})();
