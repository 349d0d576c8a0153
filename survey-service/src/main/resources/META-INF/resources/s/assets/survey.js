// The survey page's form posts JSON to the survey API; a refusal shows as the page's own sentence
// (data-problem-<status> on the form, in the page's language), never the API's English detail.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form.survey');
  if (!form) {
    return;
  }
  var problem = document.getElementById('problem');
  var token = form.dataset.token;

  function say(key) {
    problem.textContent = form.getAttribute('data-problem-' + key) || form.getAttribute('data-problem-failed');
    problem.scrollIntoView({block: 'center'});
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var answer = {};
    var dimensions = {};
    new FormData(form).forEach(function (value, name) {
      if (name === 'comment') {
        if (value.trim() !== '') {
          answer.comment = value;
        }
      } else if (name.indexOf('dimension.') === 0) {
        dimensions[name.substring('dimension.'.length)] = Number(value);
      } else {
        answer[name] = Number(value);
      }
    });
    if (Object.keys(dimensions).length > 0) {
      answer.dimensions = dimensions;
    }
    var submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    fetch('/api/v1/s/' + encodeURIComponent(token), {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: JSON.stringify(answer)
    }).then(function (response) {
      if (response.ok) {
        window.location.assign('/s/' + encodeURIComponent(token) + '/thanks');
        return;
      }
      submit.disabled = false;
      say(String(response.status));
    }, function () {
      submit.disabled = false;
      say('failed');
    });
  });
});
