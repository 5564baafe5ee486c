// The event editor in the Wagtail admin: show only the recurrence fields that apply, fill in
// a known place, and set the map position with a click on the outline of Sweden.
// Progressive enhancement: without this script every field is shown and numbers are typed.
(() => {
  "use strict";

  // Which frequencies each group of recurrence fields applies to (classes set in
  // events/models/events.py).
  const REPEAT_GROUPS = {
    "event-repeat-any": (frequency) => frequency !== "",
    "event-repeat-weekly": (frequency) => frequency === "WEEKLY",
    "event-repeat-monthly": (frequency) => frequency === "MONTHLY",
  };

  function showRepeatGroup(wrapper, applies) {
    // A field with an error stays in view whatever the frequency, so it can be put right.
    const shown = applies || wrapper.querySelector(".error-message") !== null;
    wrapper.hidden = !shown;
    // Inputs of a hidden field are disabled, so they are not posted and cannot block saving.
    // The inline rows keep theirs: their formset's management fields must always be posted.
    if (wrapper.querySelector("[name$='-TOTAL_FORMS']")) {
      return;
    }
    for (const input of wrapper.querySelectorAll("input, select, textarea")) {
      input.disabled = !shown;
    }
  }

  function updateRepeatFields(select) {
    const form = select.form || document;
    for (const [className, appliesTo] of Object.entries(REPEAT_GROUPS)) {
      for (const wrapper of form.querySelectorAll(`.${className}`)) {
        showRepeatGroup(wrapper, appliesTo(select.value));
      }
    }
  }

  function field(form, name) {
    return form.querySelector(`[name="${name}"]`);
  }

  function setValue(input, value) {
    if (!input || value === "" || value === undefined) {
      return;
    }
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function fillKnownPlace(select) {
    const option = select.selectedOptions[0];
    if (!option || !option.value) {
      return;
    }
    const form = select.form || document;
    setValue(field(form, "venue_name"), option.dataset.venueName);
    setValue(field(form, "address"), option.dataset.address);
    setValue(field(form, "latitude"), option.dataset.latitude);
    setValue(field(form, "longitude"), option.dataset.longitude);
  }

  function projection(svg) {
    return {
      north: Number(svg.dataset.mapNorth),
      west: Number(svg.dataset.mapWest),
      scale: Number(svg.dataset.mapScale),
      xFactor: Number(svg.dataset.mapXFactor),
    };
  }

  function moveMarker(svg, latitude, longitude) {
    const marker = svg.querySelector("[data-event-map-marker]");
    if (!marker) {
      return;
    }
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      marker.setAttribute("hidden", "");
      return;
    }
    const p = projection(svg);
    marker.setAttribute("cx", ((longitude - p.west) * p.xFactor).toFixed(1));
    marker.setAttribute("cy", ((p.north - latitude) * p.scale).toFixed(1));
    marker.removeAttribute("hidden");
  }

  function pickOnMap(svg, event) {
    const matrix = svg.getScreenCTM();
    if (!matrix) {
      return;
    }
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const p = projection(svg);
    const latitude = p.north - point.y / p.scale;
    const longitude = p.west + point.x / p.xFactor;
    const form = svg.closest("form") || document;
    setValue(field(form, "latitude"), latitude.toFixed(6));
    setValue(field(form, "longitude"), longitude.toFixed(6));
    moveMarker(svg, latitude, longitude);
  }

  function followTypedPosition(svg) {
    const form = svg.closest("form") || document;
    const latitude = field(form, "latitude");
    const longitude = field(form, "longitude");
    if (!latitude || !longitude) {
      return;
    }
    const update = () => {
      const lat = latitude.value.trim() === "" ? NaN : Number(latitude.value.replace(",", "."));
      const lon = longitude.value.trim() === "" ? NaN : Number(longitude.value.replace(",", "."));
      moveMarker(svg, lat, lon);
    };
    latitude.addEventListener("input", update);
    longitude.addEventListener("input", update);
  }

  // The summary in words follows what is typed (events.admin_views); nothing is saved.
  const SCHEDULE_FIELDS = /^(all_day|start_|end_|repeat_|exception_dates-)/;

  function followSchedule(panel) {
    const form = panel.closest("form");
    if (!form || !panel.dataset.url) {
      return;
    }
    let timer = null;
    let latest = 0;
    const refresh = async () => {
      const request = ++latest;
      try {
        const response = await fetch(panel.dataset.url, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
        });
        if (response.ok && request === latest) {
          panel.innerHTML = (await response.json()).html;
        }
      } catch {
        // Offline or the session ended: the summary is updated on save instead.
      }
    };
    const changed = (event) => {
      if (event.target.name && SCHEDULE_FIELDS.test(event.target.name)) {
        clearTimeout(timer);
        timer = setTimeout(refresh, 400);
      }
    };
    form.addEventListener("change", changed);
    form.addEventListener("input", changed);
  }

  function init() {
    const frequency = document.querySelector("select[name='repeat_frequency']");
    if (frequency) {
      updateRepeatFields(frequency);
      frequency.addEventListener("change", () => updateRepeatFields(frequency));
    }
    const place = document.querySelector("select[name='known_place']");
    if (place) {
      place.addEventListener("change", () => fillKnownPlace(place));
    }
    for (const panel of document.querySelectorAll("[data-event-schedule-summary]")) {
      followSchedule(panel);
    }
    for (const svg of document.querySelectorAll("[data-event-map-picker] svg")) {
      svg.addEventListener("click", (event) => pickOnMap(svg, event));
      followTypedPosition(svg);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
