// Reads an iCalendar file on stdin and prints, as JSON, how Mozilla's ical.js (Thunderbird's
// parser) resolves every VEVENT: UTC instants for date-times, plain dates for all-day events.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const calendar = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));

function resolve(time) {
  if (time === null) return null;
  if (time.isDate) return { date: time.toString() };
  return { utc: time.toUnixTime(), tzid: time.zone ? time.zone.tzid : null };
}

const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return { uid: event.uid, summary: event.summary, start: resolve(event.startDate), end: resolve(event.endDate) };
});
// An X- property's default value type is TEXT (RFC 5545, 3.8.8.2); ical.js keeps unknown
// properties raw, so decode the value with ical.js's own TEXT decoder.
const calname = calendar.getFirstProperty("x-wr-calname");
const output = {
  calname: calname ? ICAL.design.icalendar.value.text.fromICAL(calname.toICALString().split(":").slice(1).join(":")) : null,
  timezones: calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid")),
  events,
};
process.stdout.write(JSON.stringify(output));
