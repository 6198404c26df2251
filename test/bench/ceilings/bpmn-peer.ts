/**
 * The peer: bpmn-engine running the same shape in memory, no persistence — start, a
 * parallel fork to four automated service tasks, a join, end — many instances at once.
 */
import { Engine } from 'bpmn-engine';
import { lanes, rate } from '../stats.js';

const SOURCE = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench" targetNamespace="http://bench">
  <process id="fourParallel" isExecutable="true">
    <startEvent id="start" />
    <parallelGateway id="fork" />
    <serviceTask id="a" implementation="\${environment.services.noop}" />
    <serviceTask id="b" implementation="\${environment.services.noop}" />
    <serviceTask id="c" implementation="\${environment.services.noop}" />
    <serviceTask id="d" implementation="\${environment.services.noop}" />
    <parallelGateway id="join" />
    <endEvent id="end" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <sequenceFlow id="f1" sourceRef="fork" targetRef="a" />
    <sequenceFlow id="f2" sourceRef="fork" targetRef="b" />
    <sequenceFlow id="f3" sourceRef="fork" targetRef="c" />
    <sequenceFlow id="f4" sourceRef="fork" targetRef="d" />
    <sequenceFlow id="f5" sourceRef="a" targetRef="join" />
    <sequenceFlow id="f6" sourceRef="b" targetRef="join" />
    <sequenceFlow id="f7" sourceRef="c" targetRef="join" />
    <sequenceFlow id="f8" sourceRef="d" targetRef="join" />
    <sequenceFlow id="f9" sourceRef="join" targetRef="end" />
  </process>
</definitions>`;

export interface BpmnPeer {
  instancesPerSecond: number;
  instances: number;
}

function runOnce(index: number): Promise<void> {
  const engine = new Engine({ name: `bench-${index}`, source: SOURCE });
  return new Promise((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', (error: unknown) =>
      reject(error instanceof Error ? error : new Error(String(error))),
    );
    engine
      .execute({
        services: {
          noop: (_scope: unknown, callback: (error: Error | null, result?: unknown) => void) =>
            callback(null, true),
        },
      })
      .catch(reject);
  });
}

/** Measured as ours is: `warmup` instances not counted (parse and JIT), then `instances`. */
export async function measureBpmnPeer(
  instances: number,
  warmup: number,
  concurrency = 20,
): Promise<BpmnPeer> {
  await lanes(warmup, concurrency, runOnce);
  const started = Date.now();
  await lanes(instances, concurrency, runOnce);
  return { instancesPerSecond: rate(instances, Date.now() - started), instances };
}
