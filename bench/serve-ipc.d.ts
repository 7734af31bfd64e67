export declare function serveIpc(url: string, handlers: Record<string, (args: any) => unknown>): void;
export declare const processStats: {
  cpu: () => number;
  memory: (args: { collect?: boolean }) => { rss: number; heapUsed: number; heapTotal: number };
};
