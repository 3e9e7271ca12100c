import { z } from 'zod';
import type { EvalReport } from './score.js';

/** The minimum figures CI accepts; raised as the engine improves, never lowered silently. */
export const EvalFloorSchema = z.object({
  class_accuracy: z.number().min(0).max(1),
  escalation_recall: z.number().min(0).max(1),
  evidence_validity: z.number().min(0).max(1),
  missing_f1: z.number().min(0).max(1).optional(),
  escalation_precision: z.number().min(0).max(1).optional(),
});
export type EvalFloor = z.infer<typeof EvalFloorSchema>;

/** Lists every figure below its floor, as readable lines. */
export function belowFloor(r: EvalReport, floor: EvalFloor): string[] {
  const figures: [string, number, number | undefined][] = [
    ['class_accuracy', r.class_accuracy, floor.class_accuracy],
    ['escalation_recall', r.escalation.recall, floor.escalation_recall],
    ['evidence_validity', r.evidence_validity, floor.evidence_validity],
    ['missing_f1', r.missing_f1, floor.missing_f1],
    ['escalation_precision', r.escalation.precision, floor.escalation_precision],
  ];
  return figures.filter(([, got, min]) => min !== undefined && got < min).map(([name, got, min]) => `${name} ${got} is below the floor ${min}`);
}
