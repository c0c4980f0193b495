// After a refused form, move the keyboard and screen reader to the list of errors (WCAG 3.3.1).
(function () {
  var summary = document.getElementById('fouten');
  if (summary && summary.getAttribute('tabindex') === '-1') summary.focus();
})();
