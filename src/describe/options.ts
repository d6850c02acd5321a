/** What a caller may tell describe that the model leaves to its consumers. */
export interface DescribeOptions {
  /** The runtime a function without one gets when shipped, shown as `nodejs22.x (default)`. Absent: `default`. */
  defaultRuntime?: string;
}
