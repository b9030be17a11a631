/* Filters for the formlint report: progressive enhancement. Without this script the
   report shows every finding and the filter form stays hidden. The script reads only
   this page's own markup, never builds HTML from text, and makes no requests. */
(function () {
  "use strict";
  var section = document.getElementById("filters");
  var form = document.getElementById("filter-form");
  var status = document.getElementById("filter-status");
  if (!section || !form || !status || !document.querySelectorAll) {
    return;
  }
  var outlines = document.querySelectorAll("a.box");
  var groups = document.querySelectorAll("[data-group], li.psg");
  var docs = document.querySelectorAll("section.doc");

  function checkedValues(name) {
    var wanted = {};
    var boxes = form.querySelectorAll("input[name=" + name + "]");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) {
        wanted[boxes[i].value] = true;
      }
    }
    return wanted;
  }

  // What each finding is, read once from its markup: severity from its class, rule
  // from its code element, category from the rule list, file from its section.
  var categoryOf = {};
  var ruleOptions = form.querySelectorAll("select[name=rule] option[data-c]");
  for (var r = 0; r < ruleOptions.length; r++) {
    categoryOf[ruleOptions[r].value] = ruleOptions[r].getAttribute("data-c");
  }
  var facts = [];
  for (var d = 0; d < docs.length; d++) {
    var items = docs[d].querySelectorAll("li.f");
    for (var j = 0; j < items.length; j++) {
      var severity = /(?:^|\s)s-(\w+)/.exec(items[j].className);
      var code = items[j].querySelector("h4 code");
      var rule = code ? code.textContent : "";
      facts.push({
        item: items[j],
        severity: severity ? severity[1] : "",
        rule: rule,
        category: categoryOf[rule] || "",
        file: docs[d].getAttribute("data-doc")
      });
    }
  }

  function plural(count, word) {
    return count.toLocaleString("en-US") + " " + word + (count === 1 ? "" : "s");
  }

  function apply() {
    var severities = checkedValues("severity");
    var categories = checkedValues("category");
    var rule = form.elements.rule.value;
    var file = form.elements.file.value;
    var everything = !rule && !file &&
      form.querySelectorAll("input[type=checkbox]:not(:checked)").length === 0;
    var shown = 0;
    var i;
    for (i = 0; i < facts.length; i++) {
      var fact = facts[i];
      var visible = everything || (
        severities[fact.severity] === true &&
        categories[fact.category] === true &&
        (!rule || fact.rule === rule) &&
        (!file || fact.file === file));
      fact.item.hidden = !visible;
      if (visible) {
        shown++;
      }
    }
    for (i = 0; i < outlines.length; i++) {
      var target = document.getElementById(outlines[i].getAttribute("href").slice(1));
      outlines[i].hidden = !target || target.hidden;
    }
    for (i = 0; i < groups.length; i++) {
      groups[i].hidden = !everything && groups[i].querySelector("li.f:not([hidden])") === null;
    }
    for (i = 0; i < docs.length; i++) {
      var hasShown = docs[i].querySelector("li.f:not([hidden])") !== null;
      docs[i].hidden = !everything && (
        (file && docs[i].getAttribute("data-doc") !== file) || !hasShown);
    }
    status.textContent = everything ?
      "Showing all " + plural(facts.length, "finding") + "." :
      "Showing " + shown.toLocaleString("en-US") + " of " + plural(facts.length, "finding") + ".";
  }

  section.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);  // the reset event fires before the controls change
  });

  // Following a link to a finding or an outline that a filter hides shows everything again.
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var node = target;
    while (node && node !== document.body) {
      if (node.hidden) {
        form.reset();
        apply();
        target.scrollIntoView();
        return;
      }
      node = node.parentNode;
    }
  }
  window.addEventListener("hashchange", reveal);
  apply();
})();
