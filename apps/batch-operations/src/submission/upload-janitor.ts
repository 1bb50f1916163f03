import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BatchUploads } from './batch-uploads';

const SWEEP_INTERVAL_MS = 60_000;

/** Deletes the items of uploads nobody submitted (a gateway that died half-way through a request). */
@Injectable()
export class UploadJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UploadJanitor.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly uploads: BatchUploads) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const removed = await this.uploads.discardAbandoned();
      if (removed > 0) this.logger.log({ msg: 'Removed abandoned uploads', removed });
    } catch (error) {
      this.logger.warn(`Sweeping abandoned uploads failed: ${(error as Error).message}`);
    }
  }
}
