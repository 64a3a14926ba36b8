/**
 * The one catalogue of error texts. An error carries a code and its parameters (src/core/errors.ts);
 * its words are chosen here, at the edge, in the user's language: the command's `--lang`, the
 * console's `:lang`. A reason nested in an error (`reason_*`) is worded the same way. zh-CN texts
 * carry no English prose and en texts no Chinese (src/i18n/errors.test.ts renders every one).
 */
import {isAppError} from '../core/errors.js';
import type {Bilingual, Lang} from '../core/lang.js';
import {fillTemplate, isBilingual, type NestedMessage, type TemplateParams, type TemplateValue} from '../core/template.js';

type Texts = Readonly<Record<string, Bilingual>>;

/** Reasons nested in errors: why a device reply, a file or a system call failed. */
const REASONS: Texts = {
	reason_unknown: {'zh-CN': '原因不明', en: 'unknown reason'},
	reason_os_enoent: {'zh-CN': '设备或文件不存在', en: 'no such device or file'},
	reason_os_eacces: {'zh-CN': '没有访问权限', en: 'permission denied'},
	reason_os_eperm: {'zh-CN': '操作不被允许', en: 'operation not permitted'},
	reason_os_ebusy: {'zh-CN': '设备被另一个程序占用', en: 'the device is busy (another program has it open)'},
	reason_os_enodev: {'zh-CN': '没有这个设备', en: 'no such device'},
	reason_os_enxio: {'zh-CN': '设备未连接', en: 'the device is not connected'},
	reason_os_eio: {'zh-CN': '输入输出错误', en: 'input/output error'},
	reason_os_enospc: {'zh-CN': '磁盘空间已满', en: 'the disk is full'},
	reason_os_erofs: {'zh-CN': '文件系统只读', en: 'the file system is read-only'},
	reason_os_eisdir: {'zh-CN': '这是一个目录，不是文件', en: 'it is a directory, not a file'},
	reason_os_enotdir: {'zh-CN': '路径中有一段不是目录', en: 'a part of the path is not a directory'},
	reason_os_eaddrinuse: {'zh-CN': '端口已被占用', en: 'the port is already in use'},
	reason_os_econnrefused: {'zh-CN': '连接被拒绝', en: 'connection refused'},
	reason_os_etimedout: {'zh-CN': '连接超时', en: 'the connection timed out'},
	reason_os_other: {'zh-CN': '系统错误 {errno}', en: 'system error {errno}'},
	reason_damaged_empty: {'zh-CN': '文件为空', en: 'the file is empty'},
	reason_damaged_syntax: {'zh-CN': '内容无法解析：写入中断或被改动', en: 'it cannot be parsed: cut short or edited'},
	reason_damaged_shape: {'zh-CN': '内容不符合格式：{path}', en: 'wrong content at {path}'},
	reason_damaged_missing: {'zh-CN': '文件缺失：记录里有它，磁盘上没有', en: 'the file is missing: it is on record but not on disk'},
	reason_damaged_short: {'zh-CN': '文件比记录的短：被截断', en: 'the file is shorter than on record: cut short'},
	reason_not_object: {'zh-CN': '应为一个 JSON 对象', en: 'it must be one JSON object'},
	reason_not_list: {'zh-CN': '{field} 应为列表', en: '{field} must be a list'},
	reason_field_required: {'zh-CN': '缺少必填项：{field}', en: 'required: {field}'},
	reason_material_file: {'zh-CN': '{field}：{reason}', en: '{field}: {reason}'},
	reason_not_jpeg_pdf: {'zh-CN': '不是 JPEG 图片或 PDF 文件（按文件开头的字节判断）', en: 'not a JPEG image or a PDF (judged by its first bytes)'},
	reason_bad_key: {'zh-CN': 'idempotencyKey 应为 8 到 64 位字母、数字或连字符', en: 'idempotencyKey must be 8 to 64 letters, digits or hyphens'},
	reason_answer_not_json: {'zh-CN': '应答不是 JSON（HTTP {status}，{bytes} 字节）', en: 'not JSON (HTTP {status}, {bytes} bytes)'},
	reason_answer_fields: {'zh-CN': '字段不对：{fields}', en: 'wrong fields: {fields}'},
	reason_answer_no_etag: {'zh-CN': '缺少 ETag 头', en: 'no ETag header'},
	reason_answer_line: {'zh-CN': 'NDJSON 第 {line} 行不是 JSON', en: 'NDJSON line {line} is not JSON'},
	reason_answer_order: {'zh-CN': '结果与请求的顺序不符（{asked} 个编号，{got} 条结果）', en: 'the results do not match the request order ({got} for {asked} ids)'},
	reason_reply_too_short: {'zh-CN': '应答比 SW1 SW2 SW3 还短', en: 'the reply is shorter than SW1 SW2 SW3'},
	reason_card_format: {'zh-CN': '证件数据的格式不对', en: 'the card data is not in the expected format'},
	reason_incomplete_reply: {'zh-CN': '{deadlineMs} 毫秒内只收到 {received} 字节', en: 'only {received} bytes within {deadlineMs} ms'},
	reason_implausible_length: {'zh-CN': '图像长度 {length} 不合理', en: 'implausible image length {length}'},
	reason_chunk_short: {'zh-CN': '数据块 {attempts} 次都不完整', en: 'a chunk came back short {attempts} times'},
	reason_unknown_size: {'zh-CN': '未知的图像尺寸代码 {code}', en: 'unknown image size code {code}'},
	reason_chunk_differs: {'zh-CN': '地址 {address} 的数据块 {times} 次读取结果都不同', en: 'the chunk at {address} read differently {times} times'},
	reason_wrong_serial: {'zh-CN': '设备序号为 {got}，应为 {expected}', en: 'serial number {got} instead of {expected}'},
	reason_wrong_command: {'zh-CN': '应答对应命令 {got}，应为 {expected}', en: 'the reply echoes command {got} instead of {expected}'},
	reason_wrong_length: {'zh-CN': '数据长度为 {got}，应为 {expected}', en: 'data length {got} instead of {expected}'},
	reason_no_trailer: {'zh-CN': '图像数据后缺少结束标记', en: 'the image data is not closed by its trailing header'},
	reason_jpeg_no_start: {'zh-CN': '缺少 JPEG 起始标记（FF D8）', en: 'no JPEG start marker (FF D8)'},
	reason_jpeg_no_end: {'zh-CN': '缺少 JPEG 结束标记（FF D9）', en: 'no JPEG end marker (FF D9)'},
	reason_jpeg_no_marker: {'zh-CN': '位置 {offset} 处应有标记', en: 'expected a marker at offset {offset}'},
	reason_jpeg_early_end: {'zh-CN': '结束标记出现在位置 {offset}，数据尚未结束', en: 'end marker at offset {offset}, before the end of the data'},
	reason_jpeg_no_frame: {'zh-CN': '缺少帧头（SOF）', en: 'no frame header (SOF)'},
	reason_jpeg_no_scan: {'zh-CN': '缺少扫描段（SOS）', en: 'no scan (SOS)'},
	reason_jpeg_segment_cut: {'zh-CN': '段头不完整', en: 'a segment header is cut off'},
	reason_jpeg_segment_long: {'zh-CN': '段 {marker} 的长度 {length} 超出数据', en: 'segment {marker} of length {length} runs past the data'},
	reason_jpeg_frame_short: {'zh-CN': '帧头过短', en: 'the frame header is too short'},
	reason_jpeg_frame_zero: {'zh-CN': '帧头中的尺寸为零', en: 'the frame header has a zero size'},
	reason_jpeg_scan_long: {'zh-CN': '扫描数据超出末尾', en: 'the scan data runs past the end'},
	reason_jpeg_length: {'zh-CN': '收到 {got} 字节，高拍仪报告 {expected} 字节', en: '{got} bytes assembled, the camera reported {expected}'},
	reason_jpeg_size: {'zh-CN': '图像尺寸为 {got}，应为 {expected}', en: 'the image is {got}, expected {expected}'},
	reason_jpeg_decode: {'zh-CN': '无法解码为 JPEG', en: 'it does not decode as JPEG'},
	reason_jpeg_decoded_size: {'zh-CN': '解码后的尺寸与帧头不符', en: 'the decoded size differs from the frame header'},
};

/** The reader and the camera (devices/idreader/errors.ts, devices/camera/errors.ts). */
const DEVICES: Texts = {
	idreader_no_card: {'zh-CN': '读卡器上没有证件，请将证件平放在读卡区', en: 'no card on the reader: place the card flat on the reading area'},
	idreader_select_failed: {'zh-CN': '选卡失败：请拿起证件后重新放置', en: 'select failed: lift the card and place it again'},
	idreader_sam_fault: {'zh-CN': '读卡器安全模块故障（{status}），请重启读卡器或联系技术人员', en: 'reader SAM fault ({status}): restart the reader or call a technician'},
	idreader_timeout: {'zh-CN': '读卡器在 {deadlineMs} 毫秒内没有应答（步骤：{step}，端口 {path}）', en: 'reader did not answer within {deadlineMs} ms (step: {step}, port {path})'},
	idreader_port_gone: {'zh-CN': '读卡器端口 {path} 已断开（设备被拔出或断电）', en: 'reader port {path} went away (unplugged or powered off)'},
	idreader_not_found: {'zh-CN': '无法打开读卡器端口 {path}：{reason}', en: 'cannot open reader port {path}: {reason}'},
	idreader_status: {'zh-CN': '读卡器报告错误（步骤：{step}）：{status}（SW3={sw3}）', en: 'reader reported an error (step: {step}): {status} (SW3={sw3})'},
	idreader_bad_data: {'zh-CN': '读卡器返回的数据无法识别（步骤：{step}）：{reason}', en: 'reader returned data that cannot be decoded (step: {step}): {reason}'},
	camera_timeout: {
		'zh-CN': '高拍仪在 {deadlineMs} 毫秒内没有应答（步骤：{step}，端口 {path}{tries}）。请检查连接线和电源后重试',
		en: 'camera did not answer within {deadlineMs} ms (step: {step}, port {path}){tries}: check the cable and power, then retry',
	},
	camera_bad_reply: {'zh-CN': '高拍仪的应答不符合 VC0706 协议（步骤：{step}）：{reason}', en: 'camera reply does not follow VC0706 (step: {step}): {reason}'},
	camera_status: {'zh-CN': '高拍仪拒绝了命令（步骤：{step}，状态码 {status}）', en: 'camera refused the command (step: {step}, status {status})'},
	camera_capture_abandoned: {'zh-CN': '拍摄已放弃（步骤：{step}），高拍仪已恢复取景', en: 'the capture was given up (step: {step}); the camera is back to live view'},
	camera_corrupted_image: {'zh-CN': '拍摄的图像已损坏，未保存：{reason}。请重新拍摄', en: 'the captured image is corrupted and was not kept: {reason}. Take the picture again'},
	camera_not_found: {'zh-CN': '找不到高拍仪：无法打开端口 {path}（{reason}）。请检查设备是否接好，或用 --port 指定端口', en: 'no camera: cannot open port {path} ({reason}); check the device is connected or pass --port'},
	camera_port_gone: {'zh-CN': '高拍仪已断开（端口 {path}）。请重新插好设备后重试', en: 'camera disconnected (port {path}): plug it back in and retry'},
};


/** The hub (src/hub): reaching it, its answers, its refusals (the problem codes of docs/hub-api.yaml). */
const HUB: Texts = {
	hub_timeout: {'zh-CN': '中台在 {timeoutMs} 毫秒内没有响应（{call}）', en: 'the hub did not answer within {timeoutMs} ms ({call})'},
	hub_unreachable: {'zh-CN': '无法连接中台（{call}）', en: 'cannot connect to the hub ({call})'},
	hub_tls_untrusted: {
		'zh-CN': '中台证书不受信任（{call}）：证书校验始终开启、不能关闭；请用 --ca 指定签发中台证书的 CA 文件（PEM）',
		en: "the hub's certificate is not trusted ({call}); verification stays on and cannot be turned off: give the CA that signed it with --ca (PEM)",
	},
	hub_tls_client_cert: {
		'zh-CN': '中台要求客户端证书，或不认可本终端的证书（{call}）：请用 --cert 与 --key 提供中台认可的证书和私钥',
		en: "the hub requires a client certificate or does not accept this terminal's ({call}): give one it accepts with --cert and --key",
	},
	hub_tls: {'zh-CN': '中台证书校验失败（{call}）：请检查 CA 证书配置', en: "the hub's certificate failed verification ({call}): check the CA setting"},
	hub_connection_lost: {'zh-CN': '与中台的连接中断（{call}），结果未知', en: 'the connection to the hub broke ({call}); the outcome is unknown'},
	hub_rate_limited: {'zh-CN': '中台请求过于频繁（{status}），请稍后重试', en: 'too many requests for the hub ({status}); try again later'},
	hub_unavailable: {'zh-CN': '中台暂时繁忙（{status}），请稍后重试', en: 'the hub is busy ({status}); try again later'},
	hub_server_error: {'zh-CN': '中台内部错误（{status}）', en: 'hub server error ({status})'},
	hub_invalid_response: {'zh-CN': '中台对 {call} 的应答不符合接口约定：{reason}', en: "the hub's answer to {call} does not match the contract: {reason}"},
	hub_url_invalid: {'zh-CN': '中台地址无效：{url}', en: 'not a valid hub address: {url}'},
	hub_url_scheme: {'zh-CN': '中台地址应以 http(s):// 开头：{url}', en: 'the hub address must start with http(s)://: {url}'},
	hub_url_credentials: {'zh-CN': '中台地址不能包含用户名或密码，请用令牌（TONGBAN_HUB_TOKEN）', en: 'the hub address must not hold a user name or password: use a token (TONGBAN_HUB_TOKEN)'},
	hub_tls_file: {'zh-CN': '无法读取{what}文件 {file}：{reason}', en: 'cannot read the {what} file {file}: {reason}'},
	hub_tls_pair: {'zh-CN': '客户端证书和私钥必须同时提供（--cert 与 --key）', en: 'the client certificate and key go together (--cert and --key)'},
	batch_too_large: {'zh-CN': '一次最多查询 {limit} 个办件', en: 'at most {limit} cases per query'},
	hub_outcome_unknown: {'zh-CN': '办件可能已送达中台，但未收到应答；将按幂等键查询后再决定是否重发', en: 'the case may have reached the hub but no answer came back; it will be looked up by its idempotency key before any resend'},
	// Refusals (4xx problem documents): code hub_<problemCode>.
	hub_idempotency_key_required: {'zh-CN': '中台拒绝了请求：缺少幂等键（{call}）', en: 'the hub refused the request: no idempotency key ({call})'},
	hub_malformed_json: {'zh-CN': '中台拒绝了请求：请求内容不是有效的 JSON（{call}）', en: 'the hub refused the request: the body is not valid JSON ({call})'},
	hub_terminal_id_required: {'zh-CN': '中台拒绝了请求：缺少终端编号（{call}）', en: 'the hub refused the request: no terminal id ({call})'},
	hub_invalid_credentials: {'zh-CN': '操作员编号或口令不正确', en: 'wrong operator id or PIN'},
	hub_unauthorized: {'zh-CN': '中台拒绝了请求：未登录或令牌无效（{call}）；命令行请设置 TONGBAN_HUB_TOKEN', en: 'the hub refused the request: not signed in or the token is not valid ({call}); for commands set TONGBAN_HUB_TOKEN'},
	hub_audit_head_not_found: {'zh-CN': '中台没有本终端的审计锚点', en: 'the hub holds no audit anchor for this terminal'},
	hub_case_not_found: {'zh-CN': '中台没有这件办件', en: 'the hub has no such case'},
	hub_item_not_found: {'zh-CN': '中台的目录中没有这个事项', en: "the item is not in the hub's catalog"},
	hub_route_not_found: {'zh-CN': '中台没有这个接口（{call}）：请检查中台地址', en: 'the hub has no such endpoint ({call}): check the hub address'},
	hub_method_not_allowed: {'zh-CN': '中台不接受这种请求（{call}）', en: 'the hub does not accept this request ({call})'},
	hub_idempotency_conflict: {'zh-CN': '中台已有同一幂等键、内容不同的办件，未重复创建', en: 'the hub already holds a different case under this idempotency key; nothing was created'},
	hub_invalid_state: {'zh-CN': '办件当前的状态不允许此操作', en: "the case's status does not allow this"},
	hub_body_too_large: {'zh-CN': '提交的内容过大，中台拒收', en: 'the hub refused a body that large'},
	hub_blob_missing: {'zh-CN': '中台缺少办件引用的材料文件', en: 'the hub is missing a material file the case refers to'},
	hub_hash_mismatch: {'zh-CN': '材料文件与其校验值不符，中台拒收', en: 'the hub refused a material file that does not match its hash'},
	hub_validation_failed: {'zh-CN': '中台认为提交的内容有误（字段：{fields}）', en: 'the hub found the request invalid (fields: {fields})'},
	hub_operator_locked: {'zh-CN': '操作员已被锁定，请联系主管', en: 'the operator is locked out: call the supervisor'},
	hub_node_unavailable: {'zh-CN': '办理地中台节点暂时不可用', en: "the handling province's node is not available for now"},
	// 好差评 (docs/people.md#好差评-evaluation)
	hub_supervisor_required: {'zh-CN': '只有主管才能登记差评整改：请主管登录后再办（未做任何更改）', en: 'only a supervisor records the follow-up of a bad evaluation: a supervisor must sign in (nothing was changed)'},
	hub_follow_up_not_needed: {'zh-CN': '这件办件没有需要整改的差评（不满意、非常不满意），未做任何更改', en: 'this case has no bad evaluation (dissatisfied, very dissatisfied) to follow up; nothing was changed'},
	hub_follow_up_recorded: {'zh-CN': '这条差评已经登记过整改，未重复登记', en: 'the follow-up of this evaluation was recorded already; nothing was recorded again'},
	hub_evaluation_exists: {'zh-CN': '这件办件已有评价（一事一评）', en: 'this case was evaluated already (one evaluation per case)'},
	hub_evaluation_by_staff: {'zh-CN': '评价只能由群众本人在评价页给出，工作人员不能代评', en: "an evaluation is the citizen's own, given on the evaluation page, never by staff"},
	// Maker-checker (docs/people.md#supervisors-maker-checker).
	hub_approval_required: {'zh-CN': '办件有例外情况，需主管授权后才能提交', en: "the case has exceptions and needs a supervisor's approval before it can go"},
	hub_self_approval: {'zh-CN': '主管不能授权自己经办的业务', en: 'a supervisor cannot approve their own work'},
	hub_not_supervisor: {'zh-CN': '该操作员不是主管，不能授权', en: 'this operator is not a supervisor and cannot approve'},
	// 委托代办 (docs/people.md#agents-委托代办).
	hub_agent_not_allowed: {'zh-CN': '该事项须申请人本人办理，不能委托代办，未提交', en: 'this item is handled by the applicant in person: no agent may act for them; nothing was submitted'},
	hub_power_of_attorney_missing: {'zh-CN': '代办须附授权委托书，中台未收到委托书材料，未提交', en: 'an agent acts, so the power of attorney must go with the case; the hub got none and nothing was submitted'},
};


/** The local data: stores, the audit log, settings, catalog and rules (src/store, src/catalog, src/eligibility). */
const DATA: Texts = {
	data_file_corrupt: {'zh-CN': '数据文件 {file} 已损坏（{reason}），未做任何改动，请联系技术人员', en: 'Data file {file} is damaged ({reason}); nothing was changed. Please call a technician'},
	data_file_quarantined: {
		'zh-CN': '数据文件 {file} 已损坏（{reason}），已移至 {moved}，其余数据照常使用。请技术人员查看后运行 tongban quarantine ack {id}',
		en: 'Data file {file} is damaged ({reason}); it was moved to {moved} and the other data is used as usual. A technician should look at it, then run tongban quarantine ack {id}',
	},
	store_locked: {'zh-CN': '{what}正被另一个进程（pid {pid}）写入，请稍后再试或先关闭该进程（锁文件 {lock}）', en: '{what} is being written by another process (pid {pid}); try again later or close that process (lock file {lock})'},
	blob_name_invalid: {'zh-CN': '材料文件名无效：{name}', en: 'not a material file name: {name}'},
	blob_corrupt: {'zh-CN': '本地材料文件已损坏：{file}', en: 'a local material file is damaged: {file}'},
	capture_hash_mismatch: {'zh-CN': '采集图像校验值不符（应为 {expected}，实为 {actual}），未保存', en: 'the captured image does not match its hash ({expected} expected, {actual} found); not kept'},
	draft_missing: {'zh-CN': '草稿 {draftId} 不存在（可能已被放弃或清理）', en: 'draft {draftId} does not exist (abandoned or purged?)'},
	draft_submitted: {'zh-CN': '草稿 {draftId} 已提交，不能放弃', en: 'draft {draftId} was submitted and cannot be abandoned'},
	audit_closed: {'zh-CN': '审计日志已关闭', en: 'the audit log is closed'},
	audit_unknown_action: {'zh-CN': '未知的审计操作 {action}', en: 'unknown audit action {action}'},
	audit_bad_outcome: {'zh-CN': '未知的审计结果 {outcome}', en: 'unknown audit outcome {outcome}'},
	audit_details_missing: {'zh-CN': '审计操作 {action} 缺少详情：{missing}', en: 'audit action {action} needs details: {missing}'},
	// The audit store words its verdicts with the audit texts (src/i18n/audit.ts), in both languages.
	audit_anchor_mismatch: {'zh-CN': '{text}', en: '{text}'},
	audit_changed_under_writer: {'zh-CN': '{text}', en: '{text}'},
	audit_tail_damaged: {'zh-CN': '{text}', en: '{text}'},
	audit_busy: {'zh-CN': '未执行：此操作必须写入审计日志，但{reason}', en: 'Not done: this action must be written to the audit log, but {reason:lower}'},
	audit_refused: {'zh-CN': '未执行：此操作必须写入审计日志，但{reason}', en: 'Not done: this action must be written to the audit log, but {reason:lower}'},
	// The settings report is worded by the command texts (src/i18n/cli.ts), in both languages.
	settings_invalid: {'zh-CN': '{text}', en: '{text}'},
	settings_no_backup: {'zh-CN': '没有可恢复的备份 {file}：备份在每次成功执行 tongban config set 后保存，这里还没有过。设置未做任何改动', en: 'No backup to restore at {file}: one is saved after every successful config set, and there has been none here. Nothing was changed'},
	settings_backup_failed: {'zh-CN': '已保存 {key} = {value}，但未能更新备份 {file}（{reason}）：请检查磁盘空间和权限后再执行一次', en: 'Saved {key} = {value}, but the backup {file} could not be updated ({reason}): check disk space and permissions, then run it again'},
	config_unknown_key: {'zh-CN': '没有名为“{key}”的设置项。可用：{keys}', en: 'No setting named "{key}". Available: {keys}'},
	config_invalid_value: {'zh-CN': '设置项 {key} 的值无效：{reason}', en: 'Invalid value for {key}: {reason}'},
	catalog_invalid: {'zh-CN': '目录文件无效：{file} 记录 {record} 字段 {field}：{problem}（共 {count} 处问题，详见 --json）', en: 'Invalid catalog file: {file}, record {record}, field {field}: {problem} ({count} problems in all; see --json)'},
	rules_unreadable: {'zh-CN': '受理条件规则文件无法读取：{file}（{reason}）', en: 'the eligibility rules file cannot be read: {file} ({reason})'},
	rules_invalid: {'zh-CN': '受理条件规则文件无效：{file} 事项 {item} 规则 {rule}：{field}（共 {count} 处问题，详见 --json）', en: 'the eligibility rules file is invalid: {file}, item {item}, rule {rule}: {field} ({count} problems in all; see --json)'},
	escpos_qr_too_long: {'zh-CN': '二维码内容 {bytes} 字节，超过小票打印机二维码上限 {limit} 字节，未打印', en: 'the QR code holds {bytes} bytes, over the receipt printer limit of {limit} bytes; nothing was printed'},
	print_device_missing: {'zh-CN': '找不到小票打印机设备 {path}（请检查设置 receiptPrinter 和打印机连线）', en: 'receipt printer device {path} not found (check the receiptPrinter setting and the printer cable)'},
	print_device_failed: {'zh-CN': '无法写入小票打印机 {path}：{reason}', en: 'cannot write to the receipt printer {path}: {reason}'},
	print_device_timeout: {'zh-CN': '小票打印机 {path} 在 {seconds} 秒内没有收完，已放弃（请检查打印机是否联机）', en: 'the receipt printer {path} did not take the receipt within {seconds} s; gave up (check that the printer is online)'},
	print_command_quote: {'zh-CN': '打印命令的引号不成对：{command}', en: 'unbalanced quote in the print command: {command}'},
	print_not_configured: {'zh-CN': '未设置回执打印命令（tongban config set receiptPrintCommand "lp -d 打印机"）', en: 'no receipt print command is set (tongban config set receiptPrintCommand "lp -d PRINTER")'},
	print_timeout: {'zh-CN': '打印命令 {program} 在 {seconds} 秒内没有结束，已停止', en: 'the print command {program} did not finish within {seconds} s and was stopped'},
	print_command_missing: {'zh-CN': '找不到打印命令 {program}（请检查设置 receiptPrintCommand）', en: 'print command {program} not found (check the receiptPrintCommand setting)'},
	print_cannot_run: {'zh-CN': '无法运行打印命令 {program}：{reason}', en: 'cannot run the print command {program}: {reason}'},
	print_failed: {'zh-CN': '打印失败：{program} 返回退出码 {status}', en: 'printing failed: {program} exited with status {status}'},
	print_killed: {'zh-CN': '打印失败：{program} 被信号 {signal} 终止', en: 'printing failed: {program} was stopped by signal {signal}'},
};

/** Eligibility (src/core/eligibility, commands/eligibility). */
const ELIGIBILITY: Texts = {
	eligibility_item_unknown: {'zh-CN': '目录中没有事项 {itemCode} 的受理条件规则', en: 'The catalog has no eligibility rules for item {itemCode}'},
	eligibility_bad_region: {'zh-CN': '区划代码应为 2 位或 6 位数字：{value}', en: 'a region code has 2 or 6 digits: {value}'},
	eligibility_bad_date: {'zh-CN': '日期应为 YYYY-MM-DD：{value}', en: 'a date is written YYYY-MM-DD: {value}'},
	eligibility_unknown_question: {'zh-CN': '事项 {itemCode} 没有问题“{question}”（可回答：{known}）', en: 'item {itemCode} has no question "{question}" (it has: {known})'},
	eligibility_bad_answer: {'zh-CN': '问题 {question} 的回答无效：{problem}', en: 'the answer to {question} is not valid: {problem}'},
	eligibility_bad_code: {'zh-CN': '事项编码应为 12 位基本编码或 31 位实施编码：{value}', en: 'An item code is a 12-character basic code or a 31-character implementation code: {value}'},
	eligibility_no_hub: {
		'zh-CN': '该事项需要向中台查询（{facts}），但未配置中台地址：请用 --hub 指定、执行 tongban config set hubUrl <地址>，或用 --demo 使用演示数据',
		en: 'This item needs facts from the hub ({facts}) but no hub is configured: give --hub, run tongban config set hubUrl <url>, or use --demo for the demo facts',
	},
	bad_region_option: {'zh-CN': '{option} 应为 2 位或 6 位行政区划代码：{value}', en: '{option} must be a 2- or 6-digit region code: {value}'},
	bad_date_option: {'zh-CN': '{option} 应为 YYYY-MM-DD：{value}', en: '{option} must be YYYY-MM-DD: {value}'},
	bad_id_number: {'zh-CN': '证件号码 {number} 无效：{problems}', en: 'ID number {number} is not valid: {problems}'},
	implementation_not_found: {'zh-CN': '目录中没有实施编码 {code}', en: 'No implementation {code} in the catalog'},
	bad_answer: {'zh-CN': '回答应写成 key=value：{value}', en: 'Write an answer as key=value: {value}'},
};

/** The commands' own input (commands/*). */
const COMMANDS: Texts = {
	no_hub: {
		'zh-CN': '没有设置中台地址，柜面控制台未打开。请执行 tongban config set hubUrl https://…（本网点的中台地址）；只想看演示，请用 tongban console --demo（或 npm start）',
		en: "No hub is set, so the console did not open. Run tongban config set hubUrl https://… (this branch's hub address); for the demo only, run tongban console --demo (or npm start)",
	},
	no_tty: {
		'zh-CN': '柜面控制台需要在交互式终端中运行（标准输入和输出都必须是终端）。脚本请使用 tongban items search 等命令。',
		en: 'The counter console needs an interactive terminal (stdin and stdout must both be terminals). For scripts use commands such as tongban items search.',
	},
	hub_not_configured: {'zh-CN': '未配置中台地址：请用 --hub 指定，或执行 tongban config set hubUrl <地址>', en: 'No hub configured: give --hub, or run tongban config set hubUrl <url>'},
	case_file_invalid: {'zh-CN': '办件文件 {file} 无效：{reason}', en: 'Case file {file} is invalid: {reason}'},
	idempotency_key_reused: {
		'zh-CN': '幂等键 {key} 已用于另一件内容不同的办件（待发队列 {id}），未发送。请换一个幂等键，或删去 idempotencyKey 由系统按内容生成',
		en: 'Idempotency key {key} was already used for a different case (outbox {id}); nothing was sent. Use another key, or leave idempotencyKey out to have one derived from the content',
	},
	duplicate_case: {
		'zh-CN': '未发送：该申请人此事项已有 {count} 件在办（办件编号 {caseIds}；本机待发 {queued} 件）。确需再受理一件，请加 --allow-duplicate（将记入审计）',
		en: 'Not sent: the applicant already has {count} open case(s) for this item (cases {caseIds}; {queued} in this outbox). To take a second case on purpose, add --allow-duplicate (audited)',
	},
	bad_concurrency: {'zh-CN': '--concurrency 应为 1 到 32 之间的整数', en: '--concurrency must be a whole number from 1 to 32'},
	bad_needs: {'zh-CN': '--needs 只能是 supplement、pickup、shipment（逗号分隔）', en: '--needs takes supplement, pickup, shipment (comma-separated)'},
	bad_ship_after: {'zh-CN': '--ship-after 应为 0 到 720 之间的整数（小时）', en: '--ship-after must be a whole number of hours from 0 to 720'},
	bad_carrier: {'zh-CN': '--carrier 只能是 ems、sf、jd 或 other', en: '--carrier must be ems, sf, jd or other'},
	waybill_empty: {'zh-CN': '运单号为空', en: 'The waybill number is empty'},
	waybill_format: {'zh-CN': '运单号 {waybill} 不符合 {carrier} 的格式（EMS：13 位数字或 UPU S10，如 EA123456785CN）', en: 'Waybill {waybill} does not have the format of {carrier} (EMS: 13 digits or UPU S10, e.g. EA123456785CN)'},
	waybill_check_digit: {'zh-CN': '运单号 {waybill} 的校验位不对（UPU S10 规则），请核对后重新输入', en: 'The check digit of waybill {waybill} is wrong (UPU S10 rule); check it and type it again'},
	ship_one_form: {'zh-CN': '请给出一件办件的受理编号，或用 --batch 给出批量文件，二者只选其一', en: 'Give one case id, or a batch file with --batch, not both'},
	ship_single_needs: {'zh-CN': '登记一件办件的寄递需要 --carrier 和 --waybill', en: 'Recording the shipment of one case needs --carrier and --waybill'},
	ship_batch_options: {
		'zh-CN': '--batch 不与 --carrier、--waybill、--sent-at 同用：承运商、运单号和寄出时间写在文件的每一行',
		en: '--batch does not go with --carrier, --waybill or --sent-at: each line of the file gives its own',
	},
	ship_bad_sent_at: {
		'zh-CN': '寄出时间“{value}”无效：应为 ISO 8601 时间，如 2026-12-02T08:00:00+08:00（不带时区的按本机时间）',
		en: 'Invalid sending time "{value}": use ISO 8601, e.g. 2026-12-02T08:00:00+08:00 (without an offset, the local time of this terminal)',
	},
	ship_batch_tty: {'zh-CN': '--batch - 从标准输入读取批量文件，但标准输入是终端：请用管道或重定向传入文件', en: '--batch - reads the batch file from standard input, but that is a terminal: pipe or redirect the file in'},
	ship_batch_unreadable: {'zh-CN': '无法读取批量文件 {file}：{reason}；什么也没有发送', en: 'Cannot read the batch file {file}: {reason}; nothing was sent'},
	ship_batch_too_large: {'zh-CN': '批量文件 {file} 超过 {limit} 字节，不像一天的寄递登记；什么也没有发送', en: 'The batch file {file} is over {limit} bytes, more than a day of shipments; nothing was sent'},
	ship_batch_not_text: {
		'zh-CN': '批量文件 {file} 不是 UTF-8 编码的 CSV 或 TSV 文本（电子表格请另存为 UTF-8 编码的 CSV）；什么也没有发送',
		en: 'The batch file {file} is not CSV or TSV text in UTF-8 (from a spreadsheet, save it as CSV in UTF-8); nothing was sent',
	},
	ship_batch_quote: {'zh-CN': '批量文件第 {line} 行的引号没有闭合，其后的内容都无法读取；什么也没有发送', en: 'A quote opened on line {line} of the batch file is never closed, so the rest cannot be read; nothing was sent'},
	ship_batch_empty: {'zh-CN': '批量文件是空的：第一行应为表头 {header}', en: 'The batch file is empty: its first line must be the header {header}'},
	ship_batch_header: {
		'zh-CN': '批量文件的第一行不是可用的表头：应为 {header}（逗号或制表符分隔），实为“{found}”；什么也没有发送',
		en: 'The first line of the batch file is not a usable header: expected {header} (comma- or tab-separated), found "{found}"; nothing was sent',
	},
	ship_row_cells: {'zh-CN': '表头没有列名的位置也有内容（此行 {cells} 列，表头命名了 {columns} 列）', en: 'there are cells where the header names no column ({cells} cells; the header names {columns})'},
	ship_missing_cell: {'zh-CN': '{column} 一栏是空的', en: 'the {column} cell is empty'},
	ship_id_number: {'zh-CN': '“{value}”像是身份证号码，不是受理编号', en: '"{value}" looks like an ID card number, not a case number'},
	ship_unknown_carrier: {'zh-CN': '承运商“{carrier}”未知：只能是 ems、sf、jd 或 other', en: 'Unknown carrier "{carrier}": use ems, sf, jd or other'},
	ship_conflict: {
		'zh-CN': '与第 {rows} 行是同一寄递（同一运单号），内容却不同；请改正文件后重新运行，这几行都没有发送',
		en: 'the same parcel (waybill) as line {rows}, with other data; correct the file and run it again: none of these lines was sent',
	},
	ship_not_sent: {'zh-CN': '中台无法访问，此行没有发送；重新运行同一文件即可补登', en: 'not sent, the hub cannot be reached; run the same file again to record it'},
	bad_tail: {'zh-CN': '--tail 应为 0 到 10000 之间的整数，而不是 {value}', en: '--tail must be a whole number from 0 to 10000, not {value}'},
	bad_timeout: {'zh-CN': '--timeout 应为 1 到 300 之间的秒数，而不是 {value}', en: '--timeout must be a number of seconds from 1 to 300, not {value}'},
	port_in_use: {'zh-CN': '端口 {port} 已被其他程序占用（{host}）：请换一个端口，例如 --port 0 由系统选择', en: 'port {port} is already in use on {host}: choose another one, e.g. --port 0 to let the system pick'},
	port_forbidden: {'zh-CN': '没有权限使用端口 {port}（{host}）：1024 以下的端口需要管理员权限，请换一个端口', en: 'not allowed to use port {port} on {host}: ports below 1024 need privileges, choose another one'},
	host_unavailable: {'zh-CN': '本机没有地址 {host}，无法在其上监听：请用 127.0.0.1 或本机的某个地址', en: 'this machine has no address {host} to listen on: use 127.0.0.1 or one of its own addresses'},
	no_numbers: {'zh-CN': '没有要校验的号码：请在参数中给出、用 --file 指定文件（每行一个），或从标准输入传入', en: 'No numbers to check: give them as arguments, with --file (one per line), or on standard input'},
	numbers_and_file: {'zh-CN': '号码参数和 --file 只能选一种', en: 'Give the numbers as arguments or with --file, not both'},
	number_file_unreadable: {'zh-CN': '无法读取号码文件 {file}', en: 'Cannot read the numbers file {file}'},
	no_ids: {'zh-CN': '没有要查询的办件编号：请在参数中给出、用 --file 指定文件，或从标准输入传入', en: 'No case ids: give them as arguments, with --file, or on standard input'},
	bad_since: {'zh-CN': '--since 不是有效的时间：{value}', en: '--since is not a valid time: {value}'},
	bad_report_date: {'zh-CN': '--date 应为 YYYY-MM-DD 格式的日期（如 2026-12-03）：{value}', en: '--date must be a date as YYYY-MM-DD (e.g. 2026-12-03): {value}'},
	supplement_file_invalid: {'zh-CN': '补正材料文件 {file} 不能使用：{reason}；什么也没有发送', en: 'Supplement file {file} cannot be used: {reason}; nothing was sent'},
	supplement_no_files: {'zh-CN': '请用 --file 给出至少一份补正材料', en: 'Give at least one supplement file with --file'},
	follow_up_note_empty: {'zh-CN': '请写明整改情况（--note 不能为空）', en: 'Write what was done (--note must not be empty)'},
	follow_up_note_long: {'zh-CN': '整改情况最多 {max} 个字', en: 'The follow-up note takes at most {max} characters'},
	follow_up_pin_missing: {'zh-CN': '用 --operator 时，请在标准输入给出该主管的口令（一行）', en: "With --operator, give the supervisor's PIN on standard input (one line)"},
	supplement_no_materials: {'zh-CN': '办件 {caseId} 的补正至少要有一份材料', en: 'A supplement to case {caseId} needs at least one material'},
	supplement_count_mismatch: {
		'zh-CN': '给了 {files} 个文件，要补正的材料却是 {count} 项（{codes}）：请按顺序用 --material 逐个指明每个文件对应的材料；什么也没有发送',
		en: '{files} files given but {count} materials to supplement ({codes}): name the material of each file, in order, with --material; nothing was sent',
	},
	supplement_bad_material: {'zh-CN': '材料编码“{code}”无效：应为字母和数字（如 M03）', en: 'Invalid material code "{code}": use letters and digits (e.g. M03)'},
	branch_code_missing: {
		'zh-CN': '未设置网点编码：看不到本网点的待办。请由管理员设置网点编码后重试',
		en: 'No branch code is set (branchCode): the branch work list cannot be read. Run tongban config set branchCode <code>',
	},
	supplement_not_returned: {
		'zh-CN': '办件 {caseId} 当前为“{status}”，不是“退回补正”，不能补正；什么也没有发送',
		en: 'Case {caseId} is {status}, not returned for supplements, so it takes no supplement; nothing was sent',
	},
	supplement_key_reused: {
		'zh-CN': '这些文件已作为补正排入待发队列（{id}），对应材料 {queued}，与这次给出的 {asked} 不同；什么也没有发送',
		en: 'These files are already queued as a supplement ({id}) for materials {queued}, not {asked}; nothing was sent',
	},
	bad_case_id: {'zh-CN': '受理编号格式不对：{caseId}', en: 'not a case number: {caseId}'},
	receipt_not_found: {'zh-CN': '本终端没有受理编号 {caseId} 的回执', en: 'this terminal has no receipt for case {caseId}'},
	case_not_found: {'zh-CN': '没有编号为 {caseId} 的办件', en: 'No case {caseId}'},
	quarantine_ack_what: {'zh-CN': '请给出隔离编号，或用 --all 确认全部', en: 'Give the ids to acknowledge, or --all'},
	audit_bad_days: {'zh-CN': '--days 应为 1 到 3650 之间的整数', en: '--days must be a whole number from 1 to 3650'},
	audit_bad_time: {'zh-CN': '时间“{value}”无效：应为 2026-11-26 或 ISO 8601 格式', en: 'Invalid time "{value}": use 2026-11-26 or ISO 8601'},
	audit_bad_range: {'zh-CN': '--since 应早于 --until', en: '--since must be before --until'},
	audit_bad_lines: {'zh-CN': '-n 应为 1 到 10000 之间的整数', en: '-n must be a whole number from 1 to 10000'},
	item_not_found: {'zh-CN': '目录中没有编码为 {code} 的事项', en: 'No item with code {code} in the catalog'},
	bad_code: {'zh-CN': '“{value}”不是事项编码：基本编码 12 位，实施编码 31 位（数字和大写字母）', en: '"{value}" is not an item code: basic codes have 12 characters, implementation codes 31 (digits and capital letters)'},
	bad_region: {'zh-CN': '行政区划代码“{value}”无效：应为 2、4 或 6 位数字', en: 'Invalid region code "{value}": use 2, 4 or 6 digits'},
	bad_mode: {'zh-CN': '办理模式“{value}”无效，可选：online、proxy、joint', en: 'Invalid handling mode "{value}"; choose online, proxy or joint'},
	bad_type: {'zh-CN': '事项类型“{value}”无效，可选：{allowed}', en: 'Invalid item type "{value}"; choose one of {allowed}'},
	bad_limit: {'zh-CN': '--limit 应为 1 到 1000 之间的整数', en: '--limit must be a whole number from 1 to 1000'},
	bad_port: {'zh-CN': '--port 应为 0 到 65535 之间的整数：{value}', en: '--port must be a whole number from 0 to 65535: {value}'},
	bad_speed: {'zh-CN': '--speed 应为大于 0 的数：{value}', en: '--speed must be a number above 0: {value}'},
	bad_card: {'zh-CN': '没有名为“{value}”的演示证件，可选：{cards}', en: 'No demo card named "{value}"; choose one of {cards}'},
	bad_faults: {'zh-CN': '故障列表“{value}”无效（用 --help 查看可用的故障）', en: 'Invalid fault list "{value}" (see --help for the faults there are)'},
	bad_page: {'zh-CN': '没有名为 "{value}" 的仿真页面，可选：{pages}', en: 'no emulator page named "{value}"; available: {pages}'},
	device_port_unset: {'zh-CN': '没有指定串口：请用 --port 指定，或执行 tongban config set {key} <串口路径>（柜面控制台用同一设置）', en: 'No serial port: give --port, or run tongban config set {key} <port path> (the console uses the same setting)'},
	bad_baud: {'zh-CN': '波特率“{value}”无效，可选：{allowed}', en: 'Invalid baud rate "{value}"; choose one of {allowed}'},
	bad_size: {'zh-CN': '不支持的分辨率“{value}”，可选：{allowed}', en: 'Unsupported image size "{value}"; allowed: {allowed}'},
	bad_chunk_size: {'zh-CN': '每块字节数“{value}”无效：必须是 8 到 32768 之间 8 的倍数', en: 'Invalid chunk size "{value}": a multiple of 8 between 8 and 32768'},
	file_exists: {'zh-CN': '文件 {file} 已存在；如需覆盖请加 --force', en: 'file {file} exists; add --force to overwrite it'},
	bundle_exists: {'zh-CN': '文件 {file} 已存在，诊断包不会覆盖它；请换一个文件名', en: 'file {file} exists: the bundle never overwrites a file; choose another name'},
	write_failed: {'zh-CN': '无法写入文件 {file}：{reason}', en: 'cannot write {file}: {reason}'},
	devices_list_unavailable: {
		'zh-CN': '无法列出串口：系统缺少 udevadm（容器或精简系统中常见）。请直接用 --port 指定路径，或安装 udev',
		en: 'Cannot list serial ports: udevadm is missing (common in containers and minimal systems). Give the path with --port, or install udev',
	},
	devices_list_failed: {'zh-CN': '无法列出串口：{reason}', en: 'Cannot list serial ports: {reason}'},
	socat_missing: {'zh-CN': '未找到 socat，无法创建虚拟串口对。请安装：apt-get install socat', en: 'socat not found: cannot create a pty pair. Install it: apt-get install socat'},
};

/** A refusal whose problem code this version does not know: said by its status and code. */
const HUB_REJECTED: Bilingual = {'zh-CN': '中台拒绝了请求（{status} {problemCode}，{call}）', en: 'the hub refused the request ({status} {problemCode}, {call})'};

export const ERROR_TEXTS: Texts = {...REASONS, ...DEVICES, ...HUB, ...DATA, ...ELIGIBILITY, ...COMMANDS};

/** For an error whose code has no text (a bug): says so, by its code only. */
const UNKNOWN_CODE: Bilingual = {'zh-CN': '内部错误（{code}）', en: 'internal error ({code})'};
/** For anything thrown that is not an AppError: its kind only, never its (English) message. */
const UNEXPECTED: Bilingual = {'zh-CN': '意外错误（{kind}）', en: 'unexpected error ({kind})'};

function render(code: string, params: TemplateParams, lang: Lang, depth = 0): string {
	const texts = ERROR_TEXTS[code] ?? (code.startsWith('hub_') && params['problemCode'] !== undefined ? HUB_REJECTED : undefined);
	if (!texts) return fillTemplate(UNKNOWN_CODE[lang], {code}, lang);
	const filled: Record<string, TemplateValue> = {};
	for (const [name, value] of Object.entries(params)) {
		if (value === undefined) continue;
		filled[name] = typeof value === 'object' && !isBilingual(value) && depth < 4 ? render((value as NestedMessage).code, (value as NestedMessage).params ?? {}, lang, depth + 1) : value;
	}
	return fillTemplate(texts[lang], filled, lang);
}

/** The words of a code and its parameters in one language. */
export function messageText(message: NestedMessage, lang: Lang): string {
	return render(message.code, message.params ?? {}, lang);
}

/** Whatever was thrown, as the user reads it in `lang`. */
export function errorText(error: unknown, lang: Lang): string {
	if (isAppError(error)) return render(error.code, error.params, lang);
	const kind = error instanceof Error ? error.name : typeof error;
	return fillTemplate(UNEXPECTED[lang], {kind}, lang);
}

/** Both languages of a code and its parameters. */
export function messageTexts(message: NestedMessage): Bilingual {
	return {'zh-CN': messageText(message, 'zh-CN'), en: messageText(message, 'en')};
}

/** Both languages of an error (the console keeps both: `:lang` may switch while it is on screen). */
export function errorTexts(error: unknown): Bilingual {
	return {'zh-CN': errorText(error, 'zh-CN'), en: errorText(error, 'en')};
}
