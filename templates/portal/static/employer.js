/*
 * Werkkans employer portal: the live LKS estimate on the application form. Progressive
 * enhancement only: without this script the "Bereken schatting" button shows the same estimate.
 * It sends only the fields the estimate needs (never the BSN or the participant number).
 */
(function () {
  'use strict';
  var form = document.querySelector('[data-estimate-form]');
  var output = document.getElementById('schatting');
  if (!form || !output || !window.fetch) return;
  // The server names the fields the estimate reads.
  var FIELDS = (output.getAttribute('data-estimate-fields') || '').split(' ');
  var timer = null;
  var latest = 0;

  function show(lines) {
    while (output.firstChild) output.removeChild(output.firstChild);
    lines.forEach(function (line) {
      var p = document.createElement('p');
      p.className = 'ams-paragraph';
      p.textContent = line;
      output.appendChild(p);
    });
  }

  /** "Uren per week in het contract: Vul maximaal 40 in." for each field the server refused. */
  function fieldReasons(fields) {
    return Object.keys(fields || {}).map(function (name) {
      var label = form.querySelector('label[for="' + name.replace(/"/g, '') + '"]');
      return (label ? label.textContent.trim() + ': ' : '') + fields[name];
    });
  }

  function query() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field) return;
      if (field.type === 'checkbox') {
        if (field.checked) params.set(name, 'true');
      } else if (field.value) {
        params.set(name, field.value);
      }
    });
    return params.toString();
  }

  function update() {
    var request = ++latest;
    output.setAttribute('aria-busy', 'true');
    fetch(output.getAttribute('data-estimate-url') + '?' + query(), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then(function (response) {
        // An ended session sends the request to the login page.
        if (response.redirected && response.url.indexOf('/portaal/inloggen') !== -1) {
          return { ok: false, message: 'U bent uitgelogd. Log opnieuw in om een schatting te zien.' };
        }
        return response.json();
      })
      .then(function (body) {
        if (request !== latest) return;
        show(body.ok ? body.lines : [body.message].concat(fieldReasons(body.fields)));
      })
      .catch(function () {
        if (request === latest) show(['De schatting kan nu niet worden berekend. Gebruik de knop Bereken schatting.']);
      })
      .then(function () {
        if (request === latest) output.removeAttribute('aria-busy');
      });
  }

  function schedule(event) {
    if (!event.target || FIELDS.indexOf(event.target.name) === -1) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 400);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  // Once the form is sent, no estimate is asked for any more.
  form.addEventListener('submit', function () {
    window.clearTimeout(timer);
    form.removeEventListener('input', schedule);
    form.removeEventListener('change', schedule);
  });
})();
