// The server writes every instant in its configured zone; the customer reads it in their device's
// own zone. Each <time class="local"> keeps its exact instant in datetime and is rewritten here.
(function () {
  'use strict';
  var lang = document.documentElement.lang || undefined;
  var format = new Intl.DateTimeFormat(lang, {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
  });
  var times = document.querySelectorAll('time.local[datetime]');
  for (var i = 0; i < times.length; i++) {
    var at = new Date(times[i].getAttribute('datetime'));
    if (!isNaN(at.getTime())) {
      times[i].textContent = format.format(at);
    }
  }
})();
