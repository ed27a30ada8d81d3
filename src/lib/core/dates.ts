/**
 * Dates as mapping files write them (MM/DD/YYYY, sometimes M/D/YYYY) and as the model keeps
 * them (ISO YYYY-MM-DD).
 */

/** Parse "06/29/2021", "6/29/2021" or "2021-06-29" into "2021-06-29"; null if not a real date. */
export function toIsoDate(value: string): string | null {
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  let year: number, month: number, day: number;
  if (m) {
    [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim()))) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/** "2021-06-29" -> "06/29/2021", the form the unified format writes. */
export function toUsDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${month}/${day}/${year}`;
}

/** "2021-06-29" -> "29 Jun 2021", unambiguous for readers on both sides of the Atlantic. */
export function formatDisplayDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${day} ${names[(month ?? 1) - 1]} ${year}`;
}
