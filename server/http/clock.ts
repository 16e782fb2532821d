// Time as the system is allowed to know it: instants for link windows, days for responses.

// Building a formatter costs ~0.1 ms, paid once per zone rather than once per submission.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of `date` in `timeZone`: the only time a response carries. */
export function dayIn(timeZone: string, date: Date): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format.format(date);
}
