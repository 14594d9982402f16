import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeConfigIssues } from '../shared/config/store-config';
import { EquipmentId } from '../shared/ids';
import { Duration } from './duration';
import { FAULT_NAMES, type FaultName, FaultRequest } from './faults';

const FaultNameSchema = z.enum(FAULT_NAMES as [FaultName, ...FaultName[]]);

const StepInput = z.object({
  at: Duration.describe('sim time after the scenario starts: 30s, 2m, 1h30m, or seconds'),
  equipmentId: EquipmentId,
  action: z.enum(['inject', 'clear']).default('inject'),
  fault: z.union([FaultNameSchema, z.literal('all')]),
  params: z.record(z.string(), z.unknown()).optional(),
  for: Duration.optional().describe('clear the fault again after this long'),
});

export type ScenarioStep =
  | { atMs: number; equipmentId: string; action: 'inject'; request: FaultRequest }
  | { atMs: number; equipmentId: string; action: 'clear'; fault: FaultName | 'all' };

/**
 * A timeline of fault injections and clearances, relative to when the scenario
 * starts. A step with `for` expands into its inject and its clear.
 */
export const Scenario = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    steps: z.array(StepInput),
  })
  .transform((input, ctx) => {
    const steps: ScenarioStep[] = [];
    input.steps.forEach((step, i) => {
      if (step.action === 'clear') {
        steps.push({ atMs: step.at, equipmentId: step.equipmentId, action: 'clear', fault: step.fault });
        return;
      }
      const request = FaultRequest.safeParse({ fault: step.fault, params: step.params });
      if (!request.success) {
        for (const issue of request.error.issues) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, ...issue.path.map(String)],
            message: issue.message,
          });
        }
        return;
      }
      steps.push({ atMs: step.at, equipmentId: step.equipmentId, action: 'inject', request: request.data });
      if (step.for !== undefined) {
        steps.push({
          atMs: step.at + step.for,
          equipmentId: step.equipmentId,
          action: 'clear',
          fault: request.data.fault,
        });
      }
    });
    // Stable: steps at the same time keep file order.
    return { name: input.name, description: input.description, steps: steps.sort((a, b) => a.atMs - b.atMs) };
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid scenario ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'ScenarioError';
  }
}

export function loadScenario(file: string): Scenario {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ScenarioError(file, [`(file): ${(err as Error).message}`]);
  }
  const result = Scenario.safeParse(raw);
  if (!result.success) throw new ScenarioError(file, describeConfigIssues(result.error));
  return result.data;
}

/** Hands out the steps of a scenario as simulated time passes them. */
export class ScenarioTimeline {
  private next = 0;

  constructor(
    readonly scenario: Scenario,
    /** Sim elapsed ms at which the scenario started. */
    private readonly startMs: number,
  ) {}

  due(elapsedMs: number): ScenarioStep[] {
    const due: ScenarioStep[] = [];
    while (this.next < this.scenario.steps.length) {
      const step = this.scenario.steps[this.next];
      if (!step || this.startMs + step.atMs > elapsedMs) break;
      due.push(step);
      this.next++;
    }
    return due;
  }

  get finished(): boolean {
    return this.next >= this.scenario.steps.length;
  }
}
