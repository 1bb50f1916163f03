export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: { data: T; result: { state: string; message: string | null; validationErrors: { field: string; errorMessages: string[] }[] | null } } & Record<string, unknown>;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A thin HTTP client for the gateway: JSON in, JSON out, the status kept for assertions. */
export class Api {
  constructor(private readonly baseUrl: string) {}

  get<T = Record<string, unknown>>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.send<T>('GET', path, options);
  }

  post<T = Record<string, unknown>>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.send<T>('POST', path, options);
  }

  put<T = Record<string, unknown>>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.send<T>('PUT', path, options);
  }

  async send<T>(method: string, path: string, options: RequestOptions): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof options.json === 'string' ? options.json : JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: ApiResponse<T>['body'];
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`);
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
}

/** The claims of a gateway token (read without verifying: the test only needs the member id). */
export function tokenClaims(token: string): { sub: string; ver: number; typ: string; app: number | null } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
