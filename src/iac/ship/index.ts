export { type ArtifactManifest, type Artifacts, type BuildArtifactsOptions, buildArtifacts, MANIFEST_FILE, TEMPLATE_FILE } from './build-artifacts.ts';
export { isStackName, stackNameFor } from './stack-name.ts';
