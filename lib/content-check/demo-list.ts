// Pure: the demo's word list, common 错别字 only (wrong → right). A site
// builds its own forbidden, caution and name lists; none ships here.
export const DEMO_CORRECTIONS_NAME = '常见错别字（示例）';

export const DEMO_CORRECTIONS: readonly (readonly [wrong: string, right: string])[] = [
  ['既使', '即使'],
  ['在接再厉', '再接再厉'],
  ['一愁莫展', '一筹莫展'],
  ['迫不急待', '迫不及待'],
  ['按步就班', '按部就班'],
  ['金榜提名', '金榜题名'],
  ['谈笑风声', '谈笑风生'],
  ['默守成规', '墨守成规'],
  ['穿流不息', '川流不息'],
  ['甘败下风', '甘拜下风'],
  ['再接再励', '再接再厉'],
  ['走头无路', '走投无路'],
  ['一如继往', '一如既往'],
  ['变本加利', '变本加厉'],
  ['出奇不意', '出其不意'],
  ['趋之若骛', '趋之若鹜'],
  ['不径而走', '不胫而走'],
  ['食不裹腹', '食不果腹'],
  ['鬼鬼崇崇', '鬼鬼祟祟'],
  ['美仑美奂', '美轮美奂'],
];
