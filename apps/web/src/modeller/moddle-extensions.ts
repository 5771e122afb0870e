// The moddle packages the modeller, the diff viewers and the tests read models with: the
// engine's `referral` schema (imported from libs/engine, never copied) and Camunda 8's `zeebe`.
import referral from '../../../../libs/engine/src/compile/referral.schema.json';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { ModdleExtensions } from 'bpmn-js/lib/BaseViewer';

export const moddleExtensions = { referral, zeebe } as unknown as ModdleExtensions;
