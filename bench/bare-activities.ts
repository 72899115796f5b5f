// The bare baseline's one activity: nothing to do, so what it costs is Temporal's part alone.
export const bareActivities = {
  async touch(): Promise<void> {},
};

export type BareActivities = typeof bareActivities;
