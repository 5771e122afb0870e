/**
 * The jurisdictions of the pathway templates with their time zone and a default due hour, as
 * ready-made calendar specs. A partnership copies one and adds its local holidays.
 * Due hour 17:00 local is a proposed default [I]: the end of an office day.
 */
import type { PartnershipCalendarSpec } from './calendar.types';

export type TemplateJurisdictionCode =
  | 'GB-SCT'
  | 'GB-ENG'
  | 'GB-WLS'
  | 'AT'
  | 'DE'
  | 'SI'
  | 'HU'
  | 'FR'
  | 'FI'
  | 'PT';

const DEFAULT_DUE_HOUR = 17;

type Preset = Omit<PartnershipCalendarSpec, 'name'>;

const PRESETS: Record<Exclude<TemplateJurisdictionCode, 'DE'>, Preset> = {
  'GB-SCT': { jurisdiction: { country: 'GB', state: 'SCT' }, timeZone: 'Europe/London', dueHour: DEFAULT_DUE_HOUR },
  'GB-ENG': { jurisdiction: { country: 'GB', state: 'ENG' }, timeZone: 'Europe/London', dueHour: DEFAULT_DUE_HOUR },
  'GB-WLS': { jurisdiction: { country: 'GB', state: 'WLS' }, timeZone: 'Europe/London', dueHour: DEFAULT_DUE_HOUR },
  AT: { jurisdiction: { country: 'AT' }, timeZone: 'Europe/Vienna', dueHour: DEFAULT_DUE_HOUR },
  SI: { jurisdiction: { country: 'SI' }, timeZone: 'Europe/Ljubljana', dueHour: DEFAULT_DUE_HOUR },
  HU: { jurisdiction: { country: 'HU' }, timeZone: 'Europe/Budapest', dueHour: DEFAULT_DUE_HOUR },
  FR: { jurisdiction: { country: 'FR' }, timeZone: 'Europe/Paris', dueHour: DEFAULT_DUE_HOUR },
  FI: { jurisdiction: { country: 'FI' }, timeZone: 'Europe/Helsinki', dueHour: DEFAULT_DUE_HOUR },
  PT: { jurisdiction: { country: 'PT' }, timeZone: 'Europe/Lisbon', dueHour: DEFAULT_DUE_HOUR },
};

/**
 * A calendar spec for a template jurisdiction. Germany's public holidays differ by state, so
 * `DE` needs one (`BY`, `BE`, `NI`, …).
 */
export function jurisdictionCalendar(
  code: TemplateJurisdictionCode,
  options: { name?: string; germanState?: string; dueHour?: number } = {},
): PartnershipCalendarSpec {
  const name = options.name ?? 'partnership';
  if (code === 'DE') {
    if (!options.germanState) throw new Error('DE calendars need a state (e.g. BY, BE, NI): holidays differ by state');
    return {
      name,
      jurisdiction: { country: 'DE', state: options.germanState },
      timeZone: 'Europe/Berlin',
      dueHour: options.dueHour ?? DEFAULT_DUE_HOUR,
    };
  }
  const preset = PRESETS[code];
  return { name, ...preset, jurisdiction: { ...preset.jurisdiction }, dueHour: options.dueHour ?? preset.dueHour };
}

export const TEMPLATE_JURISDICTIONS: readonly TemplateJurisdictionCode[] = [
  'GB-SCT', 'GB-ENG', 'GB-WLS', 'AT', 'DE', 'SI', 'HU', 'FR', 'FI', 'PT',
];
