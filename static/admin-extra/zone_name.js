// The note Django adds under date and time fields when the browser keeps
// another time zone names the site's zone from the body's
// data-admin-server-timezone, which Django fills with the zone's technical
// name ("Asia/Yakutsk"). Staff read the place instead ("Blagoveshchensk
// time"), in their language, from this script's data-zone-name. Deferred, so
// it runs once the body is there and before Django adds the note (on load).
"use strict";
(function () {
  const name = document.currentScript.dataset.zoneName;
  if (name) {
    document.body.dataset.adminServerTimezone = name;
  }
})();
