// Labels in Chinese and English; the choice is kept in the browser.
const LABELS = {
  en: {
    title: 'Command console', commandMode: 'Command mode', switchMode: 'Switch', connecting: 'connecting', live: 'live',
    offline: 'reconnecting', liveTitle: 'Live event stream', signOut: 'Sign out', signIn: 'Sign in', signedOut: 'You are signed out.',
    mode: 'Mode', reason: 'Reason', apply: 'Apply', cancel: 'Cancel', 'mode.NORMAL': 'Normal', 'mode.EMERGENCY': 'Emergency',
    'tab.incidents': 'Incidents', 'tab.cordon': 'Cordon', 'tab.analysis': 'Analysis', 'tab.strength': 'Duty strength', 'tab.units': 'Units',
    priority: 'P', incident: 'Incident', status: 'Status', age: 'Age', clocks: '1 · 3 · 5', noIncidents: 'No open incidents.',
    period: 'Period', 'days.today': 'Today so far', 'days.1': 'Yesterday', 'days.7': '7 days to yesterday', 'days.30': '30 days to yesterday',
    refresh: 'Refresh', incidentClocks: 'Incident · 1-3-5',
    byType: 'Incidents by type', byZone: 'Incidents by zone', compliance: '1-3-5 compliance', patrolLevels: 'Recommended patrol levels',
    reinforcements: 'Reinforcements', controlPoints: 'Hotspots and control points', forceType: 'Force', unitsCol: 'Units', people: 'People',
    cars: 'Cars', firearms: 'Firearms', total: 'Total', callSign: 'Call sign', position: 'Position', filterUnits: 'Call sign or status',
    react: 'React', arrive: 'Arrive', resolve: 'Resolve', reported: 'Reported', address: 'Address', type: 'Type', source: 'Source',
    keySite: 'Key site', timeline: 'Timeline', assignments: 'Units assigned', recommended: 'Recommended units', dispatch: 'Dispatch',
    dispatchAll: 'Dispatch all recommended', distance: 'Distance', eta: 'ETA', noRecommendation: 'No available unit nearby.',
    close: 'Close incident', cancelIncident: 'Cancel incident', delivered: 'delivered', acknowledged: 'acknowledged', arrived: 'on scene',
    released: 'released', dispatched: 'dispatched', plan: 'Plan', checkpoints: 'Checkpoints', activate: 'Activate cordon',
    deactivate: 'Lift cordon', confirmedOf: 'confirmed', timeToSealed: 'Time to sealed', sealed: 'Sealed', notActive: 'Not active',
    confirmWithin: 'Confirm within', confirm: 'Confirm', overdue: 'late', pending: 'pending', activatedBy: 'Activated by',
    incidents: 'Incidents', previous: 'Previous period', change: 'Change', closed: 'Closed', byIntelligence: 'Closed by intelligence',
    current: 'Current', recommendedLevel: 'Recommended', applyLevel: 'Apply', applied: 'Applied', shortfall: 'short',
    visible: 'visible', required: 'required', support: 'Support nearby', noneShort: 'No zone is short of units.',
    noHotspots: 'No hotspot in this period.', level: 'Level', zone: 'Zone', site: 'Key site', posted: 'Posted units',
    sightings: 'Sightings', stale: 'no recent fix', reasonPrompt: 'Reason', moreUnits: 'Showing {shown} of {total}; narrow the filter.',
    forbidden: 'Your role may not do this.', deskOnly: 'This console is for duty and command rooms; officers use the phone app.', failed: 'Failed', signingIn: 'Signing in…',
    'layer.units': 'Units', 'layer.incidents': 'Incidents', 'layer.checkpoints': 'Checkpoints', 'layer.cameras': 'Video points',
    'layer.zones': 'Patrol zones', 'layer.sites': 'Key sites', 'layer.trails': 'Wanted-hit trails', 'layer.hotspots': 'Hotspots',
    online: 'online', cameras: 'cameras', car: 'car', foot: 'foot patrol',
  },
  zh: {
    title: '指挥台', commandMode: '指挥模式', switchMode: '切换', connecting: '连接中', live: '实时', offline: '重连中',
    liveTitle: '实时事件流', signOut: '退出', signIn: '登录', signedOut: '您已退出登录。', mode: '模式', reason: '原因', apply: '确定',
    cancel: '取消', 'mode.NORMAL': '常态', 'mode.EMERGENCY': '战时', 'tab.incidents': '警情', 'tab.cordon': '封控',
    'tab.analysis': '研判', 'tab.strength': '在岗警力', 'tab.units': '巡组', priority: '级', incident: '警情', status: '状态', age: '时长',
    clocks: '1·3·5', noIncidents: '暂无未结警情。', period: '时段', 'days.today': '今日', 'days.1': '昨日', 'days.7': '近7天', 'days.30': '近30天',
    incidentClocks: '警情 · 1-3-5',
    refresh: '刷新', byType: '按类别', byZone: '按巡区', compliance: '1-3-5 达标率', patrolLevels: '建议巡逻等级', reinforcements: '增援建议',
    controlPoints: '热点与管控点', forceType: '警种', unitsCol: '巡组', people: '人数', cars: '车辆', firearms: '枪支', total: '合计',
    callSign: '呼号', position: '位置', filterUnits: '呼号或状态', react: '响应', arrive: '到场', resolve: '处置', reported: '接警',
    address: '地址', type: '类别', source: '来源', keySite: '重点部位', timeline: '处置经过', assignments: '出警巡组', recommended: '推荐警力',
    dispatch: '派警', dispatchAll: '一键派警', distance: '距离', eta: '预计到达', noRecommendation: '附近无可派警力。', close: '结案',
    cancelIncident: '撤销警情', delivered: '已送达', acknowledged: '已接收', arrived: '已到场', released: '已释放', dispatched: '已派',
    plan: '方案', checkpoints: '卡点', activate: '启动封控', deactivate: '解除封控', confirmedOf: '已到位', timeToSealed: '封控用时',
    sealed: '已封控', notActive: '未启动', confirmWithin: '限时到位', confirm: '确认到位', overdue: '超时', pending: '待到位',
    activatedBy: '启动人', incidents: '警情数', previous: '上期', change: '环比', closed: '已结案', byIntelligence: '情报破案',
    current: '现等级', recommendedLevel: '建议', applyLevel: '采纳', applied: '已采纳', shortfall: '缺', visible: '在巡', required: '应配',
    support: '附近支援', noneShort: '各巡区警力充足。', noHotspots: '本时段无热点。', level: '等级', zone: '巡区', site: '重点部位',
    posted: '驻守巡组', sightings: '轨迹', stale: '定位中断', reasonPrompt: '原因', moreUnits: '显示 {shown}/{total}，请缩小筛选范围。',
    forbidden: '您的角色无此权限。', deskOnly: '本指挥台供值班室、指挥中心使用；民警请使用手机端。', failed: '失败', signingIn: '登录中…', 'layer.units': '巡组', 'layer.incidents': '警情',
    'layer.checkpoints': '卡点', 'layer.cameras': '视频点位', 'layer.zones': '巡区', 'layer.sites': '重点部位', 'layer.trails': '布控轨迹',
    'layer.hotspots': '热点', online: '在线', cameras: '路', car: '车巡', foot: '步巡',
  },
};

// Enumerations the API answers by name.
const ENUMS = {
  en: {
    AVAILABLE: 'available', DISPATCHED: 'dispatched', EN_ROUTE: 'en route', ON_SCENE: 'on scene', UNAVAILABLE: 'unavailable', OFF_DUTY: 'off duty',
    NEW: 'new', ACKNOWLEDGED: 'acknowledged', RESOLVED: 'resolved', CLOSED: 'closed', CANCELLED: 'cancelled',
    ROBBERY: 'robbery', SNATCHING: 'snatching', THEFT: 'theft', ASSAULT: 'assault', FIGHT: 'fight', HOMICIDE: 'homicide', TRAFFIC: 'traffic',
    SUSPICIOUS_PERSON: 'suspicious person', SUSPICIOUS_VEHICLE: 'suspicious vehicle', WANTED_HIT: 'wanted hit', OTHER: 'other',
    SPECIAL_PATROL: 'special patrol', AUXILIARY: 'auxiliary', STATION: 'station', HQ_SUPPORT: 'HQ support', ARMED_POLICE: 'armed police',
    RAPID_RESPONSE: 'rapid response', VOLUNTEER: 'volunteer',
    SECURITY_CHECKPOINT: 'security checkpoint', SERVICE_STATION: 'service station', INSPECTION_STATION: 'inspection station',
    MOBILE_CHECKPOINT: 'mobile checkpoint', NORMAL: 'normal', HEIGHTENED: 'heightened', SEALED: 'sealed', OUT_OF_SERVICE: 'out of service',
    CALL_110: '110 call', ON_VIEW: 'on view', VIDEO_PATROL: 'video patrol', CHECKPOINT_HIT: 'checkpoint hit', CAPTURE_HIT: 'camera hit', AGENCY: 'agency',
  },
  zh: {
    AVAILABLE: '可派', DISPATCHED: '已派', EN_ROUTE: '途中', ON_SCENE: '到场', UNAVAILABLE: '暂停', OFF_DUTY: '下勤',
    NEW: '新警情', ACKNOWLEDGED: '已接收', RESOLVED: '已处置', CLOSED: '已结案', CANCELLED: '已撤销',
    ROBBERY: '抢劫', SNATCHING: '抢夺', THEFT: '盗窃', ASSAULT: '伤害', FIGHT: '斗殴', HOMICIDE: '命案', TRAFFIC: '交通',
    SUSPICIOUS_PERSON: '可疑人员', SUSPICIOUS_VEHICLE: '可疑车辆', WANTED_HIT: '布控预警', OTHER: '其他',
    SPECIAL_PATROL: '特警', AUXILIARY: '辅警', STATION: '派出所', HQ_SUPPORT: '机关支援', ARMED_POLICE: '武警', RAPID_RESPONSE: '快反',
    VOLUNTEER: '群防',
    SECURITY_CHECKPOINT: '治安卡口', SERVICE_STATION: '服务站', INSPECTION_STATION: '查报站', MOBILE_CHECKPOINT: '临时卡点',
    NORMAL: '常态', HEIGHTENED: '加强', SEALED: '封控', OUT_OF_SERVICE: '停用',
    CALL_110: '110报警', ON_VIEW: '巡逻发现', VIDEO_PATROL: '视频巡查', CHECKPOINT_HIT: '卡点比中', CAPTURE_HIT: '卡口比中', AGENCY: '外部门',
  },
};

// One character on a unit's marker: its force type.
const FORCE_GLYPHS = {
  en: { SPECIAL_PATROL: 'S', AUXILIARY: 'A', STATION: 'P', HQ_SUPPORT: 'H', ARMED_POLICE: 'W', RAPID_RESPONSE: 'R', VOLUNTEER: 'V' },
  zh: { SPECIAL_PATROL: '特', AUXILIARY: '辅', STATION: '所', HQ_SUPPORT: '支', ARMED_POLICE: '武', RAPID_RESPONSE: '快', VOLUNTEER: '群' },
};

let lang = localStorage.getItem('fangkong.lang') || (navigator.language.startsWith('zh') ? 'zh' : 'en');
const listeners = [];

/** Text from the API, safe to put into markup. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function language() {
  return lang;
}

export function t(key, values = {}) {
  const text = LABELS[lang][key] ?? LABELS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
}

/** An enumeration value (a status, a type) as the user reads it. */
export function label(value) {
  return value ? ENUMS[lang][value] ?? ENUMS.en[value] ?? value : '';
}

export function forceGlyph(forceType) {
  return FORCE_GLYPHS[lang][forceType] ?? '?';
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** Fills every element marked with data-i18n (text), data-i18n-title and data-i18n-placeholder. */
export function applyLabels(root = document) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll('[data-i18n]').forEach((element) => { element.textContent = t(element.dataset.i18n); });
  root.querySelectorAll('[data-i18n-title]').forEach((element) => { element.title = t(element.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((element) => { element.placeholder = t(element.dataset.i18nPlaceholder); });
}

export function setLanguage(next) {
  lang = next;
  localStorage.setItem('fangkong.lang', next);
  applyLabels();
  listeners.forEach((listener) => listener(next));
}
