/**
 * A dependency whose health decides readiness (database, broker). Libraries export their own
 * implementation; an app lists the ones it depends on in `HealthModule.register`.
 */
export interface ReadinessCheck {
  readonly name: string;
  isReady(): Promise<boolean>;
}
