// The SDK warns, once per test file, that its releases after January 2027 need Node.js 22: it says
// nothing about the pinned clients these tests run (`AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED`
// is the SDK's documented switch).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
