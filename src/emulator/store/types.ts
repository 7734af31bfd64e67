// Records the store keeps. "Raw" shapes mirror Glue's wire shapes with Date timestamps and loose
// strings, so tests can insert anything Glue might send, including enum values the SDK doesn't know.

export interface TaskRunProperties {
  /** Usually a TaskType value; any string is accepted so clients can be tested against unknown types. */
  TaskType?: string;
  ImportLabelsTaskRunProperties?: { InputS3Path?: string; Replace?: boolean };
  ExportLabelsTaskRunProperties?: { OutputS3Path?: string };
  LabelingSetGenerationTaskRunProperties?: { OutputS3Path?: string };
  FindMatchesTaskRunProperties?: { JobId?: string; JobName?: string; JobRunId?: string };
}

/** A task run inserted as-is; its fields are served unchanged (it has no lifecycle of its own). */
export interface RawTaskRun {
  TransformId: string;
  /** Generated deterministically when absent. */
  TaskRunId?: string;
  /** Usually a TaskStatusType value; any string is accepted. */
  Status?: string;
  LogGroupName?: string;
  Properties?: TaskRunProperties;
  ErrorString?: string;
  StartedOn?: Date;
  LastModifiedOn?: Date;
  CompletedOn?: Date;
  ExecutionTime?: number;
}

export interface GlueTable {
  DatabaseName: string;
  TableName: string;
  CatalogId?: string;
  ConnectionName?: string;
}

export interface SchemaColumn {
  Name?: string;
  DataType?: string;
}

/** An ML transform as GetMLTransform returns it, with Date timestamps. */
export interface RawTransform {
  /** Generated deterministically from Name when absent. */
  TransformId?: string;
  Name: string;
  Description?: string;
  /** Usually NOT_READY | READY | DELETING; any string is accepted. */
  Status?: string;
  CreatedOn?: Date;
  LastModifiedOn?: Date;
  InputRecordTables?: GlueTable[];
  Parameters?: {
    TransformType: string;
    FindMatchesParameters?: {
      PrimaryKeyColumnName?: string;
      PrecisionRecallTradeoff?: number;
      AccuracyCostTradeoff?: number;
      EnforceProvidedLabels?: boolean;
    };
  };
  EvaluationMetrics?: {
    TransformType: string;
    FindMatchesMetrics?: {
      AreaUnderPRCurve?: number;
      Precision?: number;
      Recall?: number;
      F1?: number;
      ConfusionMatrix?: {
        NumTruePositives?: number;
        NumFalsePositives?: number;
        NumTrueNegatives?: number;
        NumFalseNegatives?: number;
      };
      ColumnImportances?: { ColumnName?: string; Importance?: number }[];
    };
  };
  LabelCount?: number;
  Schema?: SchemaColumn[];
  Role?: string;
  GlueVersion?: string;
  MaxCapacity?: number;
  WorkerType?: string;
  NumberOfWorkers?: number;
  Timeout?: number;
  MaxRetries?: number;
  TransformEncryption?: {
    MlUserDataEncryption?: { MlUserDataEncryptionMode: string; KmsKeyId?: string };
    TaskRunSecurityConfigurationName?: string;
  };
}

/** How a run started through the API moves through its states (durations already scaled by clockSpeed). */
export interface Lifecycle {
  startingMs: number;
  runningMs: number;
  outcome: 'SUCCEEDED' | 'FAILED' | 'TIMEOUT';
  errorString?: string;
}

export interface TaskRunRecord {
  raw: RawTaskRun & { TaskRunId: string };
  /** Present for runs started through Start* operations; absent runs keep their raw Status. */
  lifecycle?: Lifecycle;
  /** Set by CancelMLTaskRun: the run is STOPPING until cancelledAt + stoppingMs, then STOPPED. */
  cancel?: { at: number; stoppingMs: number };
}

/** A task run's state at one instant; timestamps in epoch milliseconds. */
export interface TaskRunState {
  TransformId: string;
  TaskRunId: string;
  Status?: string;
  LogGroupName?: string;
  Properties?: TaskRunProperties;
  ErrorString?: string;
  StartedOn?: number;
  LastModifiedOn?: number;
  CompletedOn?: number;
  ExecutionTime?: number;
}

export interface StoreCounts {
  transforms: number;
  taskRuns: number;
  taskRunsByTransform: Record<string, number>;
}
