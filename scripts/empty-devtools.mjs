// Stand-in for react-devtools-core, which Ink imports only when DEV=true. Bundling would
// otherwise hoist that import and fail at start-up, since the package is not installed.
export default {initialize() {}, connectToDevTools() {}};
