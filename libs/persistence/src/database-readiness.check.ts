import { Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '@loyalty/runtime';
import { DataSource } from 'typeorm';

@Injectable()
export class DatabaseReadinessCheck implements ReadinessCheck {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async isReady(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
