// Service errors as AWS JSON 1.1 puts them on the wire: a type name, a message and a status code.
import { modelledErrorStatus } from '../model/index.js';

/**
 * Errors raised by the service framework itself, before any operation runs. They are not in Glue's
 * model. Statuses follow AWS's "Common Errors" pages (MissingAuthenticationToken 403) and observed
 * JSON 1.1 answers (UnknownOperationException and SerializationException come back as 400).
 */
const FRAMEWORK_STATUS: Record<string, number> = {
  MissingAuthenticationTokenException: 403,
  UnknownOperationException: 400,
  SerializationException: 400,
  RequestEntityTooLargeException: 413,
};

export class GlueError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status?: number) {
    super(message);
    this.type = type;
    this.status = status ?? FRAMEWORK_STATUS[type] ?? modelledErrorStatus(type) ?? 400;
  }

  /**
   * Body botocore and the JS SDK parse: only `__type` names the error. The text goes out twice: as
   * `Message`, the member Glue's model gives its exceptions, and as `message`, which both clients read
   * first (botocore: `message`, else `Message`; the JS SDK likewise).
   */
  toBody(): { __type: string; message: string; Message: string } {
    return { __type: this.type, message: this.message, Message: this.message };
  }
}

export const entityNotFound = (message: string): GlueError => new GlueError('EntityNotFoundException', message);
export const invalidInput = (message: string): GlueError => new GlueError('InvalidInputException', message);
