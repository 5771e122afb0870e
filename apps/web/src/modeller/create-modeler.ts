// The bpmn-js modeller as coordinators use it: properties panel with the referral groups, live
// bpmnlint with the engine's rules (compiled at build time), and the referral/zeebe moddle.
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import bpmnlintConfig from 'virtual:bpmnlint-config';
import { moddleExtensions } from './moddle-extensions';
import { ReferralPropertiesProviderModule } from './referral-properties/referral-properties-provider';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './modeller.css';

export function createModeler(container: HTMLElement, propertiesParent: HTMLElement): Modeler {
  return new Modeler({
    container,
    propertiesPanel: { parent: propertiesParent },
    linting: { bpmnlint: bpmnlintConfig, active: true },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ReferralPropertiesProviderModule, lintModule],
    moddleExtensions,
  });
}

export const EMPTY_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:referral="http://referral-pathways.org/schema/bpmn/referral/1.0"
  id="Definitions_new" targetNamespace="http://referral-pathways.org/pathways">
  <bpmn:process id="new-pathway" name="New pathway" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="Referral received"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="new-pathway">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1"><dc:Bounds x="180" y="160" width="36" height="36"/></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** The id of the first executable process (the definition's key on the server). */
export function processKey(modeler: Modeler): string | undefined {
  const definitions = modeler.getDefinitions() as { rootElements?: { $type: string; id: string; isExecutable?: boolean }[] } | undefined;
  const processes = (definitions?.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  return (processes.find((p) => p.isExecutable) ?? processes[0])?.id;
}
