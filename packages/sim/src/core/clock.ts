/**
 * The simulator's clock. It runs `timeScale` times faster than real time and can be pushed forward by hand,
 * so a ten-minute rollout can be watched in seconds. Every time the simulator shows (ECS timestamps, credential
 * expiry, the HTTP Date header) is on this clock.
 */
export class SimClock {
  private realBase: number;
  private simBase: number;
  private scale: number;

  constructor(timeScale = 1, start = Date.now()) {
    if (!(timeScale > 0)) throw new Error(`time scale must be a positive number, got ${timeScale}`);
    this.realBase = Date.now();
    this.simBase = start;
    this.scale = timeScale;
  }

  /** Simulator time in epoch milliseconds. */
  now(): number {
    return Math.floor(this.simBase + (Date.now() - this.realBase) * this.scale);
  }

  get timeScale(): number {
    return this.scale;
  }

  setTimeScale(timeScale: number): void {
    if (!(timeScale > 0)) throw new Error(`time scale must be a positive number, got ${timeScale}`);
    this.simBase = this.now();
    this.realBase = Date.now();
    this.scale = timeScale;
  }

  /** Jumps the clock forward by `ms` simulator milliseconds. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`can only advance the clock forward, got ${ms}`);
    this.simBase += ms;
  }

  /** How many real milliseconds pass while `simMs` pass on this clock. */
  realMs(simMs: number): number {
    return simMs / this.scale;
  }
}
