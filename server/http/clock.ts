// Time as the system is allowed to know it: instants for link windows, days for responses.

/** The calendar day (YYYY-MM-DD) of `date` in `timeZone`: the only time a response carries. */
export function dayIn(timeZone: string, date: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}
