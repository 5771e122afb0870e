/**
 * Writes the partnership calendars of the template jurisdictions (libs/calendar: public holidays
 * from date-holidays, time zone, due hour) as JSON for the simulator:
 *
 *   npx tsx workflows/tools/calendars.ts            # workflows/calendars/<code>.json, 2025–2030
 *   npm run simulate -- workflows/marac-safelives.bpmn --auto --calendar workflows/calendars/gb-sct.json
 *
 * Each file maps the calendar name the templates use (`partnership`) to its CalendarData.
 * Germany's holidays differ by state: the file is for Lower Saxony (NI), as an example.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCalendars, jurisdictionCalendar, TEMPLATE_JURISDICTIONS } from '@app/calendar';

const FROM = 2025;
const TO = 2030;

export function writeCalendars(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const code of TEMPLATE_JURISDICTIONS) {
    const spec = jurisdictionCalendar(code, { name: 'partnership', ...(code === 'DE' ? { germanState: 'NI' } : {}) });
    const file = path.join(dir, `${code.toLowerCase()}.json`);
    writeFileSync(file, `${JSON.stringify(buildCalendars([spec], FROM, TO), null, 1)}\n`);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  for (const f of writeCalendars(path.resolve(__dirname, '..', 'calendars'))) console.log(`wrote ${path.relative(process.cwd(), f)}`);
}
