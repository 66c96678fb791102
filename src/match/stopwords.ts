// Words that carry no meaning for telling procedures apart: function words and the boilerplate of
// asking ("what do I need to bring", "需要带什么材料", "怎么办"). General language only — names of
// procedures and their synonyms belong in the knowledge (aliases, examples), never here.

/** Ways people address whoever answers ("thx bro", "dude i lost my passport", "师傅 户口咋迁"). */
export const ADDRESS = `bro bruh dude man mate buddy pal sir madam maam guys folks 亲 亲亲 小助手 助手 师傅 同志 美女 帅哥 兄弟 哥们`
  .split(/\s+/);
const HAN = /\p{Script=Han}/u;

/**
 * Where the citizen is from or going to: nationalities, Chinese provinces and cities, foreign cities. No
 * procedure is named by one, so the knowledge not using one is no sign of another matter (query.ts).
 * (Countries are in the sample glossary as "abroad", a matter's word; Hong Kong, Macau and Taiwan name a
 * procedure and are not here.)
 */
export const PLACES: ReadonlySet<string> = new Set(`american americans argentinian australian austrian belgian brazilian british cambodian canadian chilean
  colombian danish dutch egyptian european filipino finnish french german greek indian indonesian iranian irish
  italian japanese korean malaysian mexican mongolian nigerian pakistani polish portuguese russian singaporean
  spanish swedish swiss thai turkish ukrainian vietnamese african asian
  afghanistan argentina austria bangladesh belgium brazil cambodia colombia denmark egypt finland greece
  india indonesia iran ireland israel laos mexico mongolia myanmar nepal netherlands nigeria norway pakistan peru
  philippines poland portugal sweden switzerland ukraine
  tokyo osaka seoul busan bangkok hanoi manila jakarta moscow paris london berlin rome madrid sydney melbourne
  toronto vancouver delhi mumbai
  beijing shanghai guangzhou shenzhen chengdu chongqing wuhan hangzhou nanjing tianjin xian suzhou qingdao dalian
  xiamen kunming harbin changsha zhengzhou jinan hefei fuzhou nanning guiyang lanzhou urumqi lhasa shenyang
  changchun taiyuan shijiazhuang nanchang haikou hohhot yinchuan xining ningbo wenzhou dongguan foshan
  sichuan henan hebei hubei hunan shandong shanxi shaanxi jiangsu zhejiang anhui fujian jiangxi guangdong guangxi
  guizhou yunnan gansu qinghai hainan liaoning jilin heilongjiang xinjiang tibet ningxia`.split(/\s+/));

/**
 * Everyday words that say who asks, how urgently or how they feel, never which matter ("fastest", "client",
 * 一位, 着急) — listed by a colleague from the language alone, keeping only those the knowledge never uses and
 * that are not boilerplate already (EN_STOP, ZH_STOP: dropped before they could be unknown).
 * Read like places (query.ts): unexplained, but no sign of another matter, so a short question with one is
 * still answered ("fastest way to get a new ID?").
 */
const NEUTRAL_EN = `client guy lady gentleman mister acquaintance fastest quickest quickly quick immediately promptly hurry rush
  easily easy simple smoothly doable feasible alright legit reliable best useful convenient trouble difficult
  tricky complicated straightforward annoying strange weird normal totally pretty perhaps definitely certainly
  hopefully kindly appreciate area bit question around sometime sometimes usually moment confused confusing
  stressed anxious nervous scared afraid unsure uncertain panicking upset frustrated overwhelmed desperate
  clueless curious glad grateful thankful explain understand wonder wondering advise clarify guess hope fella
  fellow chap bloke gal gent lad lass geezer caseworker volunteer yall peeps pronto straightaway swiftly
  speedily soonest quicker correctly painless efficiently workable decent trustworthy sensible sure brilliant
  lovely awesome perfect shiok bits whatnot tmr tmrw shortly nowadays anytime whenever fortnight meanwhile
  eventually ty cheers ta pardon hiya howdy regards ji puzzled annoyed concerned gutted chuffed paiseh hopeful
  guide learn inquire enquire suppose reckon lmk revert erm well literally oh wow lah leh lor meh sia alamak
  aiyo yaar innit`.split(/\s+/).filter(Boolean);
const NEUTRAL_ZH = `一位 小年轻 大姐 大哥 小伙子 姑娘 同事 客户 群众 老百姓 大家 先生 女士 小姐 网友 立刻 着急 很急 最快
  赶快 抓紧 容易 顺利 轻松 靠谱 行不行 难办 复杂 奇怪 差不多 到底 究竟 也许 好像 估计 总之 话说 顺便
  多谢 感谢 辛苦了 不好意思 抱歉 打扰 劳驾 请教 求助 求问 急求 在线等 好吧 是的 周边 一带 事情 早上 上午
  下午 晚上 有时候 刚才 这两天 担心 头疼 焦虑 郁闷 纠结 困惑 迷茫 无语 崩溃 紧张 害怕 发愁 不懂 不清楚
  懵 了解 明白 搞懂 弄清楚 打听 询问 告诉 指导 查一下 试试 解释 哥们儿 姐们儿 老铁 小伙伴 友友 楼主 宝子
  集美 小哥 小哥哥 小姐姐 小伙儿 靓仔 靓女 在下 鄙人 阿拉 侬 某人 这位 对方 当事人 街坊 老妹儿 志愿者
  社工 群友 小白 麻溜 麻利 利索 快点 立马 搞快点 快些 即刻 火速 十万火急 急急急 顺顺当当 一步步 稳妥 省事
  省心 巴适 安逸 要得 得行 中不中 得劲 管用 行得通 够呛 有戏 没戏 费劲 难搞 难弄 棘手 妥妥的 给力 绝绝子
  yyds 666 灵光 老好 交关 搞掂 冇问题 没毛病 玩意儿 事儿 那啥 这块儿 这疙瘩 那旮旯 哪疙瘩 这儿 那儿
  昨儿 赶明儿 回头 待会儿 等会儿 一会儿 这会儿 一大早 晌午 尽早 改天 偶尔 今朝 听日 而家 打扰了 拜托 谢啦
  蟹蟹 感恩 哈喽 在吗 唔该 多谢晒 唔好意思 费心了 闹心 犯愁 上火 憋屈 捉急 急死了 心累 心塞 抓狂 头大
  懵圈 蒙圈 一脸懵 糟心 蓝瘦香菇 破防 心慌 瞅瞅 瞧瞧 唠唠 说说 讲讲 指点 弄明白 整明白 琢磨 寻思 合计
  支招 捋捋 说实话 讲真 老实说 对了 哎呀 哎哟 哈哈 呵呵 嘿嘿 嗯嗯 好滴 好哒 好嘞 得嘞 敢情 点样 乜嘢
  系咪 酱紫 倍儿 咯 嘞`.split(/\s+/).filter(Boolean);
export const NEUTRAL: ReadonlySet<string> = new Set([...NEUTRAL_EN, ...NEUTRAL_ZH]);

export const EN_STOP = new Set([
  ...`a about above after again all already also am an and any anything anyone are as at be been before being
  because but by can cant could did didnt do does doesnt dont done each else etc even ever for from get gets getting got
  had has have having he her here hers herself hes him himself his how however i if im in into is isnt it its
  itself ive just know let like me might mine more most much must my myself need needed needs needing no nor not
  now of off ok okay on once only or other our ours ourselves out over own please pls plz really same she shes
  should so some someone something still such than that thats the their theirs them themselves then there these
  they theyre thing things this those through thx to too u uh um under until up us very via wanna want wants
  wanted was wasnt we were weve what whats when where whereas which while who whom whose why will with would
  wont yet you your youre yours yourself yourselves hi hello hey dear sir madam sorry thanks thank
  bring brings bringing brought take takes taking took taken gotten tell told show shows find go goes going went gone come comes
  coming came make makes making made put puts putting use uses using used run runs running ran include includes
  including
  document documents doc docs paper papers paperwork material materials requirement requirements required
  require requires needful stuff item items list info information detail details procedure procedures process
  step steps way ways ready prepare prepared preparing lol haha pleas asap ya yeah yes hmm one ones
  today tomorrow tonight yesterday day days week weeks weekend month months year years yr yrs last next ago soon later
  recently currently morning afternoon evening monday tuesday wednesday thursday friday saturday sunday
  january february march may april june july august september october november december good great nice fine bad keep keeps kept gave give gives said say
  says saying tell tells ask asked asking think thought know knew seem seems seemed try tried trying basically
  actually probably maybe sort sorted deal handle gonna gotta aint nah nope yep yup drill happen happens happened everything anything nothing somebody anybody everyone two three four five six seven
  zero eight nine ten eleven twelve twenty thirty forty fifty hundred thousand half couple few several many lot lots
  kind kinds kinda sort sorta smh omg btw tbh idk ugh lmao pls plz fyi imo somewhere anywhere everywhere nowhere
  whatever whatchamacallit thingy called scheme schemes programme programmes program programs rolling`.split(/\s+/).filter(Boolean),
  ...ADDRESS.filter((w) => !HAN.test(w)),
]);

/** A day of last, this or next week ("下周二就去"): when, not what. */
const WEEKDAYS = ["上周", "这周", "本周", "下周"].flatMap((w) => [..."一二三四五六日天"].map((d) => w + d)).join(" ");

/** Chinese words as Intl.Segmenter cuts them. Matching drops them before building character pairs. */
export const ZH_STOP = new Set([
  ...`的 了 着 过 吗 呢 吧 啊 呀 哦 嘛 么 哈 啦 喔 哪 呗 我 我的 我们 你 您 你们 他 她 它 他们 她们 咱 咱们 自己
  什么 啥 怎么 怎么样 怎样 如何 咋 咋办 怎么办 怎办 哪些 哪个 哪里 哪儿 那个 这个 这 那 些 一些 一下 一个 个
  需要 需 要 想 想要 我想 请问 请 问 问问 问一下 麻烦 谢谢 你好 您好 在 是 有 和 与 及 或 或者 还 也 都 就 又
  才 能 能否 可以 可 会 应该 得 该 去 来 到 把 给 让 被 对 从 向 跟 为 因为 所以 但是 但 如果 然后 现在 已经 还是
  办理 办下来 弄 搞 做 准备 带 要带 带些 带上 携带 提交 提供 交 材料 资料 东西 手续 证件 文件 流程 步骤
  多少 几 吗 么 嗯 哎 唉 呃 好 好的 行 不 没 一 二 三 下 上面 里 中
  今天 明天 昨天 前天 后天 周一 周二 周三 周四 周五 周六 周日 周末 星期一 星期二 星期三 星期四 星期五 星期六 星期天 星期日 礼拜 今年 去年 明年 上个月 下个月 这个月 本月 上周 下周 这周 本周 最近 马上 刚刚 刚 时候
  上个 个月 已经 还有 听说 打算 接下来 下来 最好 整个 不是 那种 这种 做好 好了 一次 一起 几天 这几天 这边 那边
  这里 那里 这段 时间 先 再 只 很 挺 太 真 比较 所以 可是 不过 而且 反正 无所谓 一直 总是 主要 其实 大概 可能
  能不能 可不可以 是不是 有没有 要不要 说 一家 这样 那样 怎么弄 咋弄 咋整 怎么搞
  带什么 带啥 带哪些 去哪 去哪里 去哪儿 在哪 在哪里 在哪儿 怎么去 就想 还想 我要 需不需要 应该怎么 是什么 有什么
  请问一下 咨询 咨询一下 了解一下 想知道 知道 告诉我 一下子 帮我 帮忙 哪些东西 什么东西 准备什么 准备哪些
  怎么办理 如何办理 咋办理 去办理 要办理 需要办理 办理什么 需要准备 要准备 要交 交什么 要些 什么的 之类 等等 然后呢 现在能 能办 可以办 怎么申请 如何申请 怎么操作 怎么处理
  不出来 不了 不到 不能 不行 不上 出来
  条件 什么条件 啥条件 要求 什么要求 啥要求 之前 以前 之后 以后 趟 一趟 才行
  实在 确实 非常 特别 十分 真的 相当 简直 有点 有些 得花 要花 花多少钱
  国庆 国庆节 春节 过年 寒假 五一 中秋 元旦 清明 端午 ${WEEKDAYS}
  啥子 咋个 咋子 得行不 得不得行 莫得 晓得 不晓得 屋头 约好 约了 说好 出证 拿证 下证`.split(/\s+/).filter(Boolean),
  ...ADDRESS.filter((w) => HAN.test(w)),
]);
