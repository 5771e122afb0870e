/** Worker thread: compiles BPMN XML for the CompilePool. */
import { parentPort } from 'node:worker_threads';
import { compile } from '@app/engine';

parentPort?.on('message', (msg: { id: number; xml: string }) => {
  try {
    const result = compile(msg.xml);
    parentPort?.postMessage({ id: msg.id, result });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: `compile failed: ${(err as Error).message}` });
  }
});
