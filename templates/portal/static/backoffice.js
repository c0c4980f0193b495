// Backoffice pages: after a form is sent back with errors, move the keyboard focus to the error summary.
(function () {
  var summary = document.getElementById('fouten');
  if (summary) summary.focus();
})();
