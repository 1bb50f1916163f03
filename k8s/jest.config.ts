export default {
  displayName: 'k8s',
  preset: '../jest.preset.js',
  rootDir: '.',
};
