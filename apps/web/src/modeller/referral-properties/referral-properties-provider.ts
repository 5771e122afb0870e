/**
 * Properties-panel groups for the `referral` extension: a user task's agency, role, SLA,
 * calendar, reminder, data scopes, escalation chain and form fields; a service task's type and
 * retries; a business rule task's FEEL decision; a timer's calendar; and FEEL conditions on
 * sequence flows. Entries are preact components of @bpmn-io/properties-panel, called as
 * functions (no JSX, so this file needs no second JSX runtime).
 */
import {
  CheckboxEntry, CheckboxGroup, FeelEntry, ListGroup, SelectEntry, TextFieldEntry,
  isFeelEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import {
  DATA_SCOPES, FIELD_TYPES, ROLES, addToExtensionList, durationError, getExtension, removeFromExtensionList,
  setExtensionProperty, splitList, type BpmnFactory, type CommandStack, type DiagramElement, type ModdleElement,
} from './referral-model.util';

type EntryProps = { element: DiagramElement; id: string };
type Debounce = <T extends (...args: never[]) => unknown>(fn: T) => T;

interface Group {
  id: string;
  label: string;
  entries?: unknown[];
  component?: unknown;
  items?: unknown[];
  add?: (event: Event) => void;
}

const TASK = 'referral:Task';
const SERVICE = 'referral:Service';
const DECISION = 'referral:Decision';

function useServices() {
  return {
    bpmnFactory: useService<BpmnFactory>('bpmnFactory'),
    commandStack: useService<CommandStack>('commandStack'),
    debounce: useService<Debounce>('debounceInput'),
  };
}

/** A text attribute of an extension element, optionally validated. */
function attributeEntry(type: string, property: string, label: string, options: { description?: string; validate?: (v: unknown) => string | undefined; feel?: boolean } = {}) {
  return function AttributeEntry({ element, id }: EntryProps) {
    const services = useServices();
    const common = {
      element,
      id,
      label,
      description: options.description,
      debounce: services.debounce,
      getValue: () => (getExtension(element, type)?.get(property) as string | undefined) ?? '',
      setValue: (value: string) => setExtensionProperty(element, type, property, value, services),
      validate: options.validate,
    };
    return options.feel ? FeelEntry({ ...common, feel: 'required' }) : TextFieldEntry(common);
  };
}

const AgencyEntry = attributeEntry(TASK, 'agency', 'Agency', { description: "The agency whose queue the task goes to (its single point of contact's team)" });
const SlaEntry = attributeEntry(TASK, 'sla', 'SLA', {
  description: 'ISO 8601 duration, in working days of the calendar: P2D = 2 working days',
  validate: (v) => durationError(v),
});
const CalendarEntry = attributeEntry(TASK, 'calendar', 'Calendar', { description: "Working-day calendar name; empty = the partnership's default" });
const ReminderEntry = attributeEntry(TASK, 'reminder', 'Reminder before due', { description: 'ISO 8601 duration before the due time, e.g. P1D', validate: (v) => durationError(v) });
const ServiceTypeEntry = attributeEntry(SERVICE, 'type', 'Service type', { description: 'The worker handler that runs this task, e.g. notify-agency' });
const ServiceRetryEntry = attributeEntry(SERVICE, 'retry', 'Retries', {
  description: 'ISO repeating interval: R3/PT10S = 3 tries, 10 s apart',
  validate: (v) => (typeof v === 'string' && v.trim() && !/^R\d+\/P/.test(v.trim()) ? 'e.g. R3/PT10S' : undefined),
});
const DecisionExpressionEntry = attributeEntry(DECISION, 'expression', 'Decision (FEEL)', { feel: true });
const DecisionResultEntry = attributeEntry(DECISION, 'resultVariable', 'Result variable');

function RoleEntry({ element, id }: EntryProps) {
  const services = useServices();
  return SelectEntry({
    element,
    id,
    label: 'Role',
    getValue: () => (getExtension(element, TASK)?.get('role') as string | undefined) ?? '',
    setValue: (value: string) => setExtensionProperty(element, TASK, 'role', value, services),
    getOptions: () => [{ value: '', label: '(any role in the agency)' }, ...ROLES.map((r) => ({ value: r, label: r }))],
  });
}

function ScopesEntry({ element, id }: EntryProps) {
  const services = useServices();
  return CheckboxGroup({
    element,
    id,
    label: 'Data scopes the task may see',
    options: DATA_SCOPES.map((s) => ({ value: s, label: s })),
    getValue: () => splitList(getExtension(element, TASK)?.get('scopes')),
    setValue: (value: string[]) => setExtensionProperty(element, TASK, 'scopes', DATA_SCOPES.filter((s) => value.includes(s)).join(','), services),
  });
}

/** One attribute of a list child (escalation step, form field). */
function childEntry(property: string, label: string, kind: 'text' | 'select' | 'checkbox', extra: { options?: readonly string[]; validate?: (v: unknown) => string | undefined; description?: string } = {}) {
  return function ChildEntry(props: EntryProps & { child: ModdleElement }) {
    const { element, id, child } = props;
    const { commandStack, debounce } = useServices();
    const setValue = (value: unknown) =>
      commandStack.execute('element.updateModdleProperties', {
        element,
        moddleElement: child,
        properties: { [property]: typeof value === 'string' && value.trim() === '' ? undefined : value },
      });
    const getValue = () => child.get(property) ?? (kind === 'checkbox' ? false : '');
    if (kind === 'select') {
      return SelectEntry({
        element: child,
        id,
        label,
        getValue,
        setValue,
        getOptions: () => [{ value: '', label: '(choose)' }, ...(extra.options ?? []).map((o) => ({ value: o, label: o }))],
      });
    }
    if (kind === 'checkbox') return CheckboxEntry({ element: child, id, label, getValue, setValue });
    return TextFieldEntry({ element: child, id, label, getValue, setValue, debounce, validate: extra.validate, description: extra.description });
  };
}

const EscalationTo = childEntry('to', 'Escalate to', 'select', { options: ROLES });
const EscalationAfter = childEntry('after', 'After (ISO duration past due)', 'text', { validate: (v) => durationError(v, true) });
const FieldName = childEntry('name', 'Name (variable)', 'text', {
  validate: (v) => (typeof v === 'string' && v && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? 'Letters, digits and _ only' : undefined),
});
const FieldLabel = childEntry('label', 'Label', 'text');
const FieldType = childEntry('type', 'Type', 'select', { options: FIELD_TYPES });
const FieldRequired = childEntry('required', 'Required', 'checkbox');
const FieldScope = childEntry('scope', 'Data scope', 'select', { options: DATA_SCOPES });
const FieldOptions = childEntry('options', 'Options (comma-separated, for enum/list)', 'text');

function listGroup(
  element: DiagramElement,
  injector: { get<T>(name: string): T },
  config: { id: string; label: string; list: string; childType: string; newAttrs: (n: number) => Record<string, unknown>; itemLabel: (c: ModdleElement, i: number) => string; entries: [string, unknown][] },
): Group {
  const bpmnFactory = injector.get<BpmnFactory>('bpmnFactory');
  const commandStack = injector.get<CommandStack>('commandStack');
  const task = getExtension(element, TASK);
  const children = ((task?.get(config.list) as ModdleElement[] | undefined) ?? []).slice();
  return {
    id: config.id,
    label: config.label,
    component: ListGroup,
    items: children.map((child, index) => {
      const id = `${element.id}-${config.id}-${index}`;
      return {
        id,
        label: config.itemLabel(child, index),
        entries: config.entries.map(([suffix, component]) => ({ id: `${id}-${suffix}`, component, child, isEdited: isTextFieldEntryEdited })),
        autoFocusEntry: `${id}-${config.entries[0]?.[0] ?? ''}`,
        remove: (event: Event) => {
          event.stopPropagation();
          if (task) removeFromExtensionList(element, task, config.list, child, commandStack);
        },
      };
    }),
    add: (event: Event) => {
      event.stopPropagation();
      addToExtensionList(element, TASK, config.list, config.childType, config.newAttrs(children.length + 1), { bpmnFactory, commandStack });
    },
  };
}

function ConditionEntry({ element, id }: EntryProps) {
  const { bpmnFactory, commandStack, debounce } = useServices();
  const bo = getBusinessObject(element) as ModdleElement;
  return FeelEntry({
    element,
    id,
    label: 'Condition (FEEL)',
    description: 'e.g. = dashScore >= params.highRiskThreshold',
    feel: 'required',
    debounce,
    getValue: () => ((bo.get('conditionExpression') as ModdleElement | undefined)?.get('body') as string | undefined) ?? '',
    setValue: (value: string) => {
      const commands = [];
      const source = element.source;
      if (source && (getBusinessObject(source) as ModdleElement).get('default') === bo && value) {
        commands.push({ cmd: 'element.updateProperties', context: { element: source, properties: { default: undefined } } });
      }
      const expression = value && value.replace(/^=\s*$/, '') ? bpmnFactory.create('bpmn:FormalExpression', { body: value }) : undefined;
      if (expression) expression.$parent = bo;
      commands.push({ cmd: 'element.updateProperties', context: { element, properties: { conditionExpression: expression } } });
      commandStack.execute('properties-panel.multi-command-executor', commands);
    },
  });
}

function TimerCalendarEntry({ element, id }: EntryProps) {
  const { commandStack, debounce } = useServices();
  const definition = ((getBusinessObject(element) as ModdleElement).get('eventDefinitions') as ModdleElement[] | undefined)?.find((d) => is(d, 'bpmn:TimerEventDefinition'));
  if (!definition) return null;
  return TextFieldEntry({
    element,
    id,
    label: 'Working-day calendar',
    description: 'Count the timer duration in working days of this calendar',
    debounce,
    getValue: () => (definition.get('calendar') as string | undefined) ?? '',
    setValue: (value: string) =>
      commandStack.execute('element.updateModdleProperties', { element, moddleElement: definition, properties: { calendar: value || undefined } }),
  });
}

function isConditionalFlow(element: DiagramElement): boolean {
  if (!is(element, 'bpmn:SequenceFlow') || !element.source) return false;
  return ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway', 'bpmn:Activity'].some((t) => is(element.source as DiagramElement, t));
}

function hasTimer(element: DiagramElement): boolean {
  const defs = (getBusinessObject(element) as ModdleElement).get('eventDefinitions') as ModdleElement[] | undefined;
  return !!defs?.some((d) => is(d, 'bpmn:TimerEventDefinition'));
}

export class ReferralPropertiesProvider {
  static $inject = ['propertiesPanel', 'injector'];

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
    private readonly injector: { get<T>(name: string): T },
  ) {
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: DiagramElement) {
    return (groups: Group[]): Group[] => {
      const add: Group[] = [];
      if (is(element, 'bpmn:UserTask')) {
        add.push({
          id: 'referral-task',
          label: 'Agency and SLA',
          entries: [
            { id: 'referral-agency', component: AgencyEntry, isEdited: isTextFieldEntryEdited },
            { id: 'referral-role', component: RoleEntry, isEdited: isSelectEntryEdited },
            { id: 'referral-sla', component: SlaEntry, isEdited: isTextFieldEntryEdited },
            { id: 'referral-calendar', component: CalendarEntry, isEdited: isTextFieldEntryEdited },
            { id: 'referral-reminder', component: ReminderEntry, isEdited: isTextFieldEntryEdited },
            { id: 'referral-scopes', component: ScopesEntry },
          ],
        });
        add.push(
          listGroup(element, this.injector, {
            id: 'referral-escalations',
            label: 'Escalation chain',
            list: 'escalations',
            childType: 'referral:Escalation',
            newAttrs: () => ({ to: 'agency-spoc', after: 'P1D' }),
            itemLabel: (c, i) => `${i + 1}. ${(c.get('to') as string | undefined) ?? '?'} after ${(c.get('after') as string | undefined) ?? '?'}`,
            entries: [
              ['to', EscalationTo],
              ['after', EscalationAfter],
            ],
          }),
        );
        add.push(
          listGroup(element, this.injector, {
            id: 'referral-fields',
            label: 'Form fields',
            list: 'fields',
            childType: 'referral:Field',
            newAttrs: (n) => ({ name: `field${n}`, type: 'string' }),
            itemLabel: (c, i) => (c.get('label') as string | undefined) || (c.get('name') as string | undefined) || `Field ${i + 1}`,
            entries: [
              ['name', FieldName],
              ['label', FieldLabel],
              ['type', FieldType],
              ['required', FieldRequired],
              ['scope', FieldScope],
              ['options', FieldOptions],
            ],
          }),
        );
      }
      if (is(element, 'bpmn:ServiceTask') || is(element, 'bpmn:SendTask')) {
        add.push({
          id: 'referral-service',
          label: 'Service',
          entries: [
            { id: 'referral-service-type', component: ServiceTypeEntry, isEdited: isTextFieldEntryEdited },
            { id: 'referral-service-retry', component: ServiceRetryEntry, isEdited: isTextFieldEntryEdited },
          ],
        });
      }
      if (is(element, 'bpmn:BusinessRuleTask')) {
        add.push({
          id: 'referral-decision',
          label: 'Decision',
          entries: [
            { id: 'referral-decision-expression', component: DecisionExpressionEntry, isEdited: isFeelEntryEdited },
            { id: 'referral-decision-result', component: DecisionResultEntry, isEdited: isTextFieldEntryEdited },
          ],
        });
      }
      if (isConditionalFlow(element)) {
        add.push({ id: 'referral-condition', label: 'Condition', entries: [{ id: 'conditionExpression', component: ConditionEntry, isEdited: isFeelEntryEdited }] });
      }
      if (hasTimer(element)) {
        add.push({ id: 'referral-timer', label: 'Timer calendar', entries: [{ id: 'referral-timer-calendar', component: TimerCalendarEntry, isEdited: isTextFieldEntryEdited }] });
      }
      const generalIndex = groups.findIndex((g) => g.id === 'general');
      groups.splice(generalIndex + 1, 0, ...add);
      return groups;
    };
  }
}

export const ReferralPropertiesProviderModule = {
  __init__: ['referralPropertiesProvider'],
  referralPropertiesProvider: ['type', ReferralPropertiesProvider],
};

