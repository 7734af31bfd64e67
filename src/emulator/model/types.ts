// Types for the botocore-style service model extract the emulator is driven by.

export interface ShapeRef {
  shape: string;
}

export interface BaseShape {
  type: 'structure' | 'string' | 'integer' | 'long' | 'double' | 'boolean' | 'timestamp' | 'list' | 'map';
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  box?: boolean;
  exception?: boolean;
  fault?: boolean;
  error?: { httpStatusCode?: number; code?: string; senderFault?: boolean };
}

export interface StructureShape extends BaseShape {
  type: 'structure';
  required?: string[];
  members: Record<string, ShapeRef>;
}

export interface ListShape extends BaseShape {
  type: 'list';
  member: ShapeRef;
}

export interface MapShape extends BaseShape {
  type: 'map';
  key: ShapeRef;
  value: ShapeRef;
}

export type Shape = BaseShape | StructureShape | ListShape | MapShape;

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string };
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
}

export interface ServiceModel {
  metadata: { targetPrefix: string; jsonVersion: string; apiVersion: string; [key: string]: unknown };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}
