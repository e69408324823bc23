/// Word lists for seeded people and units. Units are fictional (a brand and a
/// trade); people's names are common surnames and given names, none a real person's.
enum SeedNames {
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文").map(String.init)
    static let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
                        "平", "刚", "桂英", "建国", "建华", "志强", "晓燕", "海燕", "文博", "子涵", "浩然", "雨涵", "欣怡", "宇航",
                        "晨曦", "思远", "家豪", "俊杰", "慧敏", "立新", "红梅"]
    static let brands = ["晋东", "上党", "太行", "漳河", "潞安", "华晟", "恒信", "鼎盛", "宏达", "瑞丰", "金石", "三晋", "长兴", "泰和",
                         "永昌", "联创", "北辰", "鑫源", "博远", "新华"]
    static let enterpriseTrades = ["机械制造有限公司", "煤业有限责任公司", "电力工程有限公司", "化工有限公司", "建筑工程有限公司",
                                   "信息技术有限公司", "钢铁有限公司", "新材料科技有限公司", "水务有限公司", "交通工程有限公司"]
    static let institutionTrades = ["水利勘测设计院", "农机技术推广站", "公路管理段", "环境监测站", "建筑设计研究院", "质量检验中心",
                                    "电教中心", "测绘院", "林业技术推广站", "节能监察中心"]
    static let socialTrades = ["工程技术协会", "机械工程学会", "电力行业协会", "建筑业协会", "信息产业协会"]
    /// City departments that supervise city-direct units (主管部门).
    static let departments = ["长治市水务局", "长治市人民政府国有资产监督管理委员会", "长治市交通运输局", "长治市住房和城乡建设局",
                              "长治市自然资源局", "长治市农业农村局", "长治市生态环境局", "长治市能源局"]
    /// 申报专业, by the kind of unit that declares them.
    static let specialties = ["机械工程", "电气工程", "采矿工程", "水利水电工程", "土木工程", "计算机应用", "电子信息", "化学工程",
                              "环境工程", "测绘工程", "农业机械", "交通工程", "冶金工程", "材料工程", "安全工程"]
    static let schools = ["太原理工大学", "中北大学", "山西大学", "长治学院", "山西农业大学", "太原科技大学", "山西煤炭职业技术学院",
                          "长治职业技术学院"]
    static let journals = ["煤矿机械", "山西水利", "机械工程与自动化", "山西建筑", "电气技术", "山西化工"]

    static func person(_ i: Int) -> String {
        surnames[i % surnames.count] + given[(i / surnames.count + i * 7) % given.count]
    }
}
