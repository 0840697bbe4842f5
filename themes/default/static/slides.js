/* uprkit slides: a page of the guide (or a handout of slides) presented
   as slides, made by slides-deck.js (loaded first). The presenter's window
   (`P`) shows the slide, the next one, the notes and a timer, and stays in
   step with the projected window both ways. The two windows talk with
   postMessage through the handles window.open and window.opener give
   (which works from file://, where BroadcastChannel and storage events do
   not in every browser), and also on a BroadcastChannel where there is one
   (windows opened apart, over http). Each move carries its time, and a
   window ignores moves older than its own last one, so the two never undo
   each other.

   No library: what is needed is small, and nothing may come from the
   network. Loaded by uprkit.js when a page is presented; inlined in a
   handout of slides. */
(function () {
  "use strict";
  if (window.uprkitSlides) { return; }
  var root = document.documentElement;
  // The UI strings, as the page script's core read them (uprkit.js runs first).
  var strings = uprkit.strings;

  var deckId = "uprkit-slides:" + location.pathname;
  var slides = [];
  var current = 0;
  var lastMove = 0;
  var deck = null;
  var presenter = false;
  var peers = [];
  var channel = null;
  var started = false;
  var listening = false;
  var timerStart = Date.now();
  var ui = {};
  // "Facilitator edition", in a facilitator's deck: the presenter's to see.
  var presenterEdition = "";
  var idleTimer = null;
  // How long the projected slides keep their controls after the pointer stops.
  var IDLE_MS = 2500;

  function rtl() { return getComputedStyle(root).direction === "rtl"; }

  function button(label, action, name) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "slides-button slides-" + name;
    b.textContent = label;
    b.addEventListener("click", function (event) { event.stopPropagation(); action(); });
    return b;
  }

  function slideElement(slide, n) {
    var el = document.createElement("section");
    el.className = "slide slide-" + slide.kind + (slide.phase ? " " + slide.phase : "");
    if (slide.lang) { el.setAttribute("lang", slide.lang); }
    if (slide.dir) { el.setAttribute("dir", slide.dir); }
    el.setAttribute("aria-roledescription", "slide");
    el.setAttribute("aria-label", strings.slides_counter.replace("{n}", n + 1).replace("{total}", slides.length));
    var inner = document.createElement("div");
    inner.className = "slide-inner";
    inner.appendChild(slide.body.cloneNode(true));
    el.appendChild(inner);
    return el;
  }

  // Text as large as the screen allows: smaller only where a slide holds more.
  function fit(el) {
    var inner = el.querySelector(".slide-inner");
    if (!inner) { return; }
    var scale = 1;
    inner.style.fontSize = "";
    for (var i = 0; i < 12 && inner.scrollHeight > el.clientHeight * 0.98 && scale > 0.45; i++) {
      scale -= 0.05;
      inner.style.fontSize = scale + "em";
    }
  }

  function counter(n) {
    return strings.slides_counter.replace("{n}", n + 1).replace("{total}", slides.length);
  }

  function buildDeck() {
    deck = document.createElement("div");
    deck.className = presenter ? "slides slides-presenter-view" : "slides";
    deck.setAttribute("data-slides", "");
    deck.setAttribute("role", "region");
    deck.setAttribute("aria-label", (slides[0] && slides[0].title) || document.title);
    if (presenter) {
      // This slide with the next one under it; beside them, the time and
      // the notes, which take the window's whole height.
      deck.innerHTML = '<div class="presenter-now"><p class="presenter-label"></p><div class="presenter-frame" data-presenter-current></div>' +
        '<div class="presenter-next"><p class="presenter-label"></p><div class="presenter-frame" data-presenter-next></div></div></div>' +
        '<div class="presenter-side"><p class="presenter-clock"><span class="presenter-label"></span> <output data-presenter-timer>00:00</output></p>' +
        '<section class="presenter-notes" aria-live="polite"><h2 class="presenter-label"></h2><div data-presenter-notes></div></section></div>';
      var labels = deck.querySelectorAll(".presenter-label");
      labels[0].textContent = "";
      labels[1].textContent = strings.slides_next_up;
      labels[2].textContent = strings.slides_elapsed;
      labels[3].textContent = strings.slides_notes;
      ui.current = deck.querySelector("[data-presenter-current]");
      ui.next = deck.querySelector("[data-presenter-next]");
      ui.notes = deck.querySelector("[data-presenter-notes]");
      ui.timer = deck.querySelector("[data-presenter-timer]");
      ui.title = labels[0];
      deck.querySelector(".presenter-clock").appendChild(button(strings.slides_reset_timer, function () { timerStart = Date.now(); tick(); }, "reset"));
      setInterval(tick, 1000);
    } else {
      slides.forEach(function (slide, n) {
        var el = slideElement(slide, n);
        el.hidden = true;
        deck.appendChild(el);
      });
    }
    var bar = document.createElement("div");
    bar.className = "slides-bar";
    ui.counter = document.createElement("p");
    ui.counter.className = "slides-counter";
    ui.counter.setAttribute("aria-live", "polite");
    bar.appendChild(button(strings.slides_previous, function () { go(current - 1, true); }, "previous"));
    bar.appendChild(ui.counter);
    bar.appendChild(button(strings.slides_next, function () { go(current + 1, true); }, "next"));
    if (!presenter) {
      bar.appendChild(button(strings.slides_presenter, openPresenter, "open-presenter"));
      bar.appendChild(button(strings.slides_exit, stop, "exit"));
    }
    ui.message = document.createElement("p");
    ui.message.className = "slides-message";
    ui.message.setAttribute("role", "status");
    bar.appendChild(ui.message);
    deck.appendChild(bar);
    document.body.appendChild(deck);
    root.classList.add("presenting");
    if (presenter) {
      root.classList.add("presenting-presenter");
      if (presenterEdition) { document.title += " · " + presenterEdition; }
    }
  }

  // The projected slides' controls: shown while the pointer moves or a
  // finger touches, hidden when it rests and while the presenter's window
  // drives; a control reached with Tab shows them too (slides.css).
  function controls(shown) {
    if (!deck || presenter) { return; }
    deck.classList.toggle("slides-controls-hidden", !shown);
    clearTimeout(idleTimer);
    if (shown) { idleTimer = setTimeout(function () { controls(false); }, IDLE_MS); }
  }

  function tick() {
    if (!ui.timer) { return; }
    var seconds = Math.floor((Date.now() - timerStart) / 1000);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    ui.timer.textContent = (seconds >= 3600 ? Math.floor(seconds / 3600) + ":" : "") + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
  }

  function show() {
    if (presenter) {
      ui.current.textContent = "";
      ui.current.appendChild(slideElement(slides[current], current));
      ui.next.textContent = "";
      if (slides[current + 1]) {
        ui.next.appendChild(slideElement(slides[current + 1], current + 1));
      } else {
        var end = document.createElement("p");
        end.className = "presenter-end";
        end.textContent = strings.slides_last;
        ui.next.appendChild(end);
      }
      ui.notes.textContent = "";
      if (slides[current].notes.length) {
        slides[current].notes.forEach(function (note) { ui.notes.appendChild(note.cloneNode(true)); });
      } else {
        var none = document.createElement("p");
        none.className = "presenter-no-notes";
        none.textContent = strings.slides_no_notes;
        ui.notes.appendChild(none);
      }
      ui.title.textContent = counter(current);
      fit(ui.current.firstChild);
      if (ui.next.firstChild && ui.next.firstChild.classList) { fit(ui.next.firstChild); }
    } else {
      Array.prototype.forEach.call(deck.querySelectorAll(":scope > .slide"), function (el, n) {
        el.hidden = n !== current;
        if (n === current) { fit(el); }
      });
    }
    ui.counter.textContent = counter(current);
    deck.setAttribute("data-slide", String(current + 1));
    var hash = (presenter ? "#presenter-" : "#present-") + (current + 1);
    if (location.hash !== hash) {
      try { location.replace(hash); } catch (e) { /* some file:// pages refuse: the slide is still shown */ }
    }
  }

  function go(n, local, at) {
    n = Math.max(0, Math.min(slides.length - 1, n));
    if (!local && at !== undefined && at < lastMove) { return; }
    lastMove = local ? Date.now() : (at || Date.now());
    current = n;
    show();
    if (local) { send({ slide: current, at: lastMove }); }
  }

  // --- Two windows ---------------------------------------------------------
  function send(message) {
    message.uprkitSlides = deckId;
    peers = peers.filter(function (peer) { try { return peer && !peer.closed; } catch (e) { return false; } });
    peers.forEach(function (peer) { try { peer.postMessage(message, "*"); } catch (e) { /* gone */ } });
    if (channel) { try { channel.postMessage(message); } catch (e) { /* closed */ } }
  }

  function receive(data, source) {
    if (!data || data.uprkitSlides !== deckId) { return; }
    if (source && peers.indexOf(source) < 0) { peers.push(source); }
    if (data.hello) {
      // A window that has just opened (or a presenter after a reload of
      // this one) asks where the presentation is.
      send({ slide: current, at: lastMove });
      return;
    }
    if (typeof data.slide === "number") {
      go(data.slide, false, data.at);
      controls(false);
    }
  }

  function listen() {
    listening = true;
    window.addEventListener("message", function (event) { receive(event.data, event.source); });
    if ("BroadcastChannel" in window) {
      try {
        channel = new BroadcastChannel(deckId);
        channel.onmessage = function (event) { receive(event.data, null); };
      } catch (e) { channel = null; }
    }
    if (window.opener) { peers.push(window.opener); }
    send({ hello: true });
    // The projected window may reload: the presenter asks again now and then.
    if (presenter) { setInterval(function () { if (window.opener) { send({ hello: true }); } }, 2000); }
  }

  function openPresenter() {
    var address = location.href.split("#")[0] + "#presenter-" + (current + 1);
    var win = null;
    // Most of the screen, so that the notes read at a glance; the presenter
    // moves it to the screen they face.
    var screenSize = window.screen || {};
    var width = Math.round((screenSize.availWidth || 1280) * 0.9);
    var height = Math.round((screenSize.availHeight || 800) * 0.9);
    var left = (screenSize.availLeft || 0) + Math.round(((screenSize.availWidth || width) - width) / 2);
    var top = (screenSize.availTop || 0) + Math.round(((screenSize.availHeight || height) - height) / 2);
    var features = "popup,width=" + width + ",height=" + height + ",left=" + left + ",top=" + top;
    try { win = window.open(address, "uprkit-presenter", features); } catch (e) { win = null; }
    if (!win) {
      ui.message.textContent = strings.slides_popup_blocked;
      return;
    }
    if (peers.indexOf(win) < 0) { peers.push(win); }
  }

  // --- Keys, clicks and swipes ---------------------------------------------
  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var forward = rtl() ? "ArrowLeft" : "ArrowRight";
    var back = rtl() ? "ArrowRight" : "ArrowLeft";
    // Letters by their place on the keyboard: P is P on a Russian or an Arabic layout too.
    var key = event.key;
    var handled = true;
    if (key === forward || key === "ArrowDown" || key === "PageDown" || key === " " || key === "Enter" || event.code === "KeyN") {
      if (key === "Enter" && target && /^(BUTTON|A)$/.test(target.tagName)) { return; }
      if (key === " " && target && target.tagName === "BUTTON") { return; }
      go(current + 1, true);
    } else if (key === back || key === "ArrowUp" || key === "PageUp" || key === "Backspace") {
      go(current - 1, true);
    } else if (key === "Home") {
      go(0, true);
    } else if (key === "End") {
      go(slides.length - 1, true);
    } else if (event.code === "KeyP" && !presenter) {
      openPresenter();
    } else if (key === "Escape" && !presenter) {
      stop();
    } else {
      handled = false;
    }
    if (handled) { event.preventDefault(); }
  }

  var touchX = null, touchY = null;
  function onPointerDown(event) { touchX = event.clientX; touchY = event.clientY; controls(true); }
  function onPointerUp(event) {
    if (touchX === null) { return; }
    var dx = event.clientX - touchX, dy = event.clientY - touchY;
    touchX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) {
      var towardsStart = rtl() ? dx > 0 : dx < 0;
      go(current + (towardsStart ? 1 : -1), true);
    }
  }

  function stop() {
    if (!deck) { return; }
    document.removeEventListener("keydown", onKey);
    deck.parentNode.removeChild(deck);
    deck = null;
    started = false;
    root.classList.remove("presenting", "presenting-presenter");
    try { location.replace("#"); } catch (e) { /* the page is shown anyway */ }
  }

  // Starts presenting at slide `at` (0-based), or where the address says.
  function start(at) {
    var match = /^#present(er)?(?:-(\d+))?$/.exec(location.hash);
    presenter = !!(match && match[1]);
    var wanted = at !== undefined ? at : (match && match[2] ? Number(match[2]) - 1 : 0);
    if (started) { if (wanted !== current) { go(wanted, true); } return; }
    var made = window.uprkitSlideDeck.collect();
    slides = made.slides;
    presenterEdition = made.edition;
    if (!slides.length) { return; }
    started = true;
    current = Math.max(0, Math.min(slides.length - 1, wanted));
    buildDeck();
    document.addEventListener("keydown", onKey);
    deck.addEventListener("pointerdown", onPointerDown);
    deck.addEventListener("pointerup", onPointerUp);
    deck.addEventListener("pointermove", function () { controls(true); });
    window.addEventListener("resize", function () { if (deck) { show(); } });
    if (!listening) { listen(); }
    lastMove = 0;
    show();
    tick();
    if (!presenter) { deck.setAttribute("tabindex", "-1"); deck.focus(); controls(true); }
  }

  window.uprkitSlides = { start: start, stop: stop, go: function (n) { go(n, true); }, count: function () { return slides.length; }, current: function () { return current; } };
  // A handout of slides is presented as soon as it opens (its script
  // comes after the page script, which cannot start it).
  if (document.querySelector("[data-slides-deck]")) { start(); }
})();
