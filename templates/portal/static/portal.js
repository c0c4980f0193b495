// Every portal page: after a refused form, move keyboard and screen-reader focus to the list of
// errors at the top (WCAG 3.3.1), which links to each field.
(function () {
  var summary = document.getElementById('fouten');
  if (summary && summary.getAttribute('tabindex') === '-1') summary.focus();
})();
