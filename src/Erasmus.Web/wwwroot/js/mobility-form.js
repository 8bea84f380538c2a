// The mobility form: choosing a receiving organisation fills in its country (the chosen option's data-country),
// as the server does when the country is left empty. Listens on the document, so a picker that replaces the
// select's look but keeps the select (and dispatches a bubbling change on it) is followed too.
document.addEventListener("change", function (event) {
  var organisation = event.target;
  if (!organisation || organisation.id !== "ReceivingOrganisationId" || organisation.selectedIndex < 0) {
    return;
  }

  var code = organisation.options[organisation.selectedIndex].getAttribute("data-country");
  var country = document.getElementById("ReceivingCountryCode");
  if (!code || !country) {
    return;
  }

  for (var i = 0; i < country.options.length; i++) {
    if (country.options[i].value === code) {
      country.value = code;
      return;
    }
  }
});
