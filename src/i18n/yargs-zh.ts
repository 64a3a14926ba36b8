/**
 * Chinese strings for yargs' own messages (help headings, validation errors). yargs looks for
 * its locale files next to its own module, which a bundle does not have, so we hand it ours
 * through updateLocale(). Plural forms use yargs' {one, other} shape.
 */
export const yargsZhCN: Record<string, string | {one: string; other: string}> = {
	'Commands:': '命令：',
	'Options:': '选项：',
	'Examples:': '示例：',
	'Positionals:': '位置参数：',
	boolean: '布尔',
	count: '计数',
	string: '字符串',
	number: '数字',
	array: '数组',
	required: '必需',
	default: '默认值',
	'default:': '默认值：',
	'choices:': '可选值：',
	'aliases:': '别名：',
	command: '命令',
	'Not enough non-option arguments: got %s, need at least %s': {
		one: '缺少参数：收到 %s 个，至少需要 %s 个',
		other: '缺少参数：收到 %s 个，至少需要 %s 个',
	},
	'Too many non-option arguments: got %s, maximum of %s': {
		one: '参数过多：收到 %s 个，最多 %s 个',
		other: '参数过多：收到 %s 个，最多 %s 个',
	},
	'Missing argument value: %s': {one: '选项缺少取值：%s', other: '选项缺少取值：%s'},
	'Missing required argument: %s': {one: '缺少必需的参数：%s', other: '缺少必需的参数：%s'},
	'Unknown argument: %s': {one: '无法识别的选项：%s', other: '无法识别的选项：%s'},
	'Unknown command: %s': {one: '无法识别的命令：%s', other: '无法识别的命令：%s'},
	'Invalid values:': '取值无效：',
	'Argument: %s, Given: %s, Choices: %s': '参数 %s 的值 %s 无效，可选：%s',
	'Argument check failed: %s': '参数检查未通过：%s',
	'Not enough arguments following: %s': '选项 --%s 后面缺少参数',
	'Show help': '显示帮助',
	'Show version number': '显示版本号',
	'Did you mean %s?': '是否想输入 %s？',
	'Arguments %s and %s are mutually exclusive': '选项 %s 与 %s 不能同时使用',
};
