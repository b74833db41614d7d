// Progressive enhancement: suggestions for the search fields from the site's visible titles.
// Without JavaScript the fields are plain search fields. The browser shows the suggestions of
// a <datalist> natively (keyboard and screen readers included).
(function () {
    "use strict";
    var DELAY = 200;

    function enhance(input) {
        var url = input.getAttribute("data-autocomplete-url");
        var list = document.createElement("datalist");
        var timer = null;
        var lastValue = "";
        list.id = input.id + "-vorschlaege";
        input.parentNode.appendChild(list);
        input.setAttribute("list", list.id);
        input.setAttribute("autocomplete", "off");

        function fill(suggestions) {
            while (list.firstChild) {
                list.removeChild(list.firstChild);
            }
            suggestions.forEach(function (title) {
                var option = document.createElement("option");
                option.value = title;
                list.appendChild(option);
            });
        }

        input.addEventListener("input", function () {
            var value = input.value.trim();
            window.clearTimeout(timer);
            if (value.length < 2 || value === lastValue) {
                return;
            }
            timer = window.setTimeout(function () {
                lastValue = value;
                fetch(url + "?q=" + encodeURIComponent(value), { credentials: "same-origin", headers: { Accept: "application/json" } })
                    .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                    .then(function (data) { if (input.value.trim() === value) { fill(data.suggestions || []); } })
                    .catch(function () { fill([]); });
            }, DELAY);
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        if (!window.fetch) {
            return;
        }
        Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete-url]"), enhance);
    });
})();
