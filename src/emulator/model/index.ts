// Typed access to the committed model extract: operations, shapes, error status codes.
import { GLUE_ML_MODEL } from './glue-ml.generated.js';
import type { OperationModel, Shape, StructureShape } from './types.js';

export type { ServiceModel, Shape, StructureShape, ListShape, MapShape, OperationModel } from './types.js';

export const MODEL = GLUE_ML_MODEL;
export const TARGET_PREFIX = MODEL.metadata.targetPrefix;

export function getOperation(name: string): OperationModel | undefined {
  return Object.hasOwn(MODEL.operations, name) ? MODEL.operations[name] : undefined;
}

export function getShape(name: string): Shape {
  const shape = MODEL.shapes[name];
  if (!shape) throw new Error(`shape ${name} missing from the model extract`);
  return shape;
}

export function inputShape(operation: OperationModel): StructureShape | undefined {
  return operation.input ? (getShape(operation.input.shape) as StructureShape) : undefined;
}

/** Enum values of a string shape, in model order. */
export function enumValues(shapeName: string): readonly string[] {
  return getShape(shapeName).enum ?? [];
}

/** HTTP status for a modelled exception: explicit code, else 500 for faults and 400 for client errors. */
export function modelledErrorStatus(errorName: string): number | undefined {
  const shape = MODEL.shapes[errorName];
  if (!shape?.exception) return undefined;
  return shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400);
}
