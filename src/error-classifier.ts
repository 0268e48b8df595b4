// One classifier for every failure a request can meet; the API renders the result as JSON, the pages as HTML.
import { isDatabaseUnavailable, isStatementTimeout } from './db/unavailable';
import { AppError } from './errors';

/** Where the failure came from: our own AppError, a request we could not read, the database, or a bug. */
export type ErrorOrigin = 'app' | 'request' | 'database' | 'internal';

export interface ClassifiedError {
  error: AppError;
  origin: ErrorOrigin;
  /** The status to answer with (an unreadable request keeps the parser's own 4xx). */
  status: number;
}

const bodyParserErrors: Record<string, () => AppError> = {
  'entity.too.large': () => new AppError('payload_too_large', 'The request body is larger than 1 MB'),
  'entity.parse.failed': () => new AppError('invalid_json', 'The request body is not valid JSON'),
  'encoding.unsupported': () => new AppError('unsupported_media_type', 'The request body encoding is not supported'),
  'charset.unsupported': () => new AppError('unsupported_media_type', 'Send the JSON body as UTF-8'),
  'request.aborted': () => new AppError('invalid_json', 'The request body was not received completely'),
};

// "Nothing was stored" is only worth saying to a request that meant to store something.
const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

const clientStatus = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

const asRequestError = (error: AppError): ClassifiedError => ({ error, origin: 'request', status: error.httpStatus });

export function classifyError(error: unknown, method: string): ClassifiedError {
  if (error instanceof AppError) return { error, origin: 'app', status: error.httpStatus };
  const bodyParserType = (error as { type?: unknown })?.type;
  if (typeof bodyParserType === 'string' && bodyParserErrors[bodyParserType])
    return asRequestError(bodyParserErrors[bodyParserType]());
  // The router's and the body parser's own 400s: a path segment that is not percent-encoded UTF-8 (/cases/%C0%AF),
  // a body that is not what its Content-Encoding says (zlib's Z_DATA_ERROR and kin, brotli's ERR__ERROR_FORMAT_*).
  const status = clientStatus(error);
  if (error instanceof URIError && status === 400) {
    return asRequestError(
      new AppError('validation_failed', 'The request path is not valid percent-encoded UTF-8', {
        fields: [{ path: 'path', message: 'is not valid percent-encoded UTF-8' }],
      }),
    );
  }
  const zlibCode = (error as { code?: unknown })?.code;
  if (status === 400 && typeof zlibCode === 'string' && /^(Z_|ERR__ERROR_)/.test(zlibCode)) {
    return asRequestError(
      new AppError('invalid_json', `The request body could not be decoded as its Content-Encoding says (${zlibCode})`),
    );
  }
  // Any other 4xx of the parsers (a form with too many fields, say): the request is at fault, not the site.
  if (status !== undefined)
    return { error: new AppError('validation_failed', 'The request could not be read'), origin: 'request', status };
  // A statement over the timeout is the database being too slow right now: a 503 to retry, not a 500 to report.
  if (isStatementTimeout(error)) {
    const timeout = new AppError(
      'database_unavailable',
      'The database did not answer in time (statement timeout); its transaction was undone. Retry shortly.',
      undefined,
      { cause: error },
    );
    return { error: timeout, origin: 'database', status: 503 };
  }
  if (isDatabaseUnavailable(error)) {
    const message = isWrite(method)
      ? 'The database is unavailable; nothing was stored. Retry shortly.'
      : 'The database is unavailable. Retry shortly.';
    return {
      error: new AppError('database_unavailable', message, undefined, { cause: error }),
      origin: 'database',
      status: 503,
    };
  }
  return {
    error: new AppError('internal', 'Internal error', undefined, { cause: error }),
    origin: 'internal',
    status: 500,
  };
}
