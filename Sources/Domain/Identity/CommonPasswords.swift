/// Passwords that attackers try first. Most entries satisfy the length and
/// character-class rules, which is exactly why they must be listed: "Admin@123"
/// passes every composition rule and is still the first guess against a government
/// system. Sources: the public top-password lists (SplashData, NordPass, the
/// CSDN/12306 leak analyses for Chinese users) and keyboard walks (1qaz@WSX,
/// Qwer1234!, Zxcv1234). Compared case-insensitively, so each entry stands for all
/// its capitalisations.
enum CommonPasswords {
    static let all: Set<String> = Set(list.map { $0.lowercased() })

    static let list: [String] = [
        // The classic top lists (mostly refused by the other rules too; kept so the
        // message says "too common" rather than only "too short").
        "123456", "12345678", "123456789", "1234567890", "password", "qwerty", "111111",
        "123123", "abc123", "iloveyou", "000000", "88888888", "66666666", "11111111",
        "a123456", "a123456789", "woaini1314", "5201314", "qq123456", "abcd1234",
        "password1", "password12", "password123", "qwertyuiop", "1q2w3e4r", "1qaz2wsx",
        "zxcvbnm", "asdfghjkl", "admin123", "admin888", "root123", "letmein", "welcome",
        "sunshine", "princess", "football", "baseball", "dragon", "monkey", "master",
        // Password / Passw0rd variants.
        "Password1!", "Password12!", "Password123!", "Password@123", "Password#123",
        "Password@1", "Password1234", "Password1234!", "Password2022", "Password2022!",
        "Passw0rd", "Passw0rd!", "Passw0rd@", "Passw0rd123", "Passw0rd@123", "P@ssw0rd",
        "P@ssw0rd1", "P@ssw0rd!", "P@ssw0rd123", "P@ssword", "P@ssword1", "P@ssword123",
        "P@55w0rd", "Pa$$w0rd", "Pa$$word1", "Pass@123", "Pass@1234", "Pass1234!",
        "Pass@word1", "Passwd@123",
        // Admin / root / service-account defaults.
        "Admin@123", "Admin@1234", "Admin@12345", "Admin123!", "Admin123456", "Admin@888",
        "Admin#123", "Admin!123", "Administrator1", "Admin@2022", "Root@123", "Root@1234",
        "Root123!", "Huawei@123", "Huawei12#$", "Root@12345", "Admin@111",
        "Changeme1", "Changeme123", "Changeme@123", "Welcome1", "Welcome1!",
        "Welcome@123", "Welcome123", "Test@123", "Test@1234", "Test1234", "Test123!",
        "System@123", "Oracle@123", "Mysql@123", "Sa@123456", "User@123", "Guest@123",
        // Keyboard walks.
        "Qwer1234", "Qwer1234!", "Qwer@1234", "Qwer!234", "Qwer123!", "Qwerty123",
        "Qwerty123!", "Qwerty@123", "Qwert12345", "Qwe123!@#", "Qwe@1234", "Qwe12345",
        "Qwe123456", "Qweasd123", "QweAsd123!", "Qweasdzxc1", "Qweasdzxc123",
        "Qwe123QWE", "123qweASD", "123qwe!@#", "Asdf1234", "Asdf1234!", "Asdf@1234",
        "Asd123456", "Asd@123456", "Asdfgh123", "Zxcv1234", "Zxcv1234!", "Zxcv@1234",
        "Zxc123456", "Zxcvbnm1", "Zxcvbnm123", "1qaz@WSX", "1qaz!QAZ", "1qaz2wsx!",
        "1qaz@WSX3edc", "1qaz2wsx3edc", "!QAZ2wsx", "!QAZ1qaz", "ZAQ!2wsx",
        "Zaq12wsx", "Zaq1@WSX", "Qaz123456", "Qaz@123456", "1q2w3e4r!",
        "1q2w3e4r5t", "1q2w3e4r5t6y", "Q1w2e3r4", "Q1w2e3r4!", "Q1w2e3r4t5",
        // Aa123456 family: the commonest shape that passes three classes.
        "Aa123456", "Aa123456!", "Aa123456.", "Aa123456@", "Aa12345678", "Aa123456789",
        "Aa111111", "Aa112233", "Aa123123", "Aa654321", "Aa888888", "Aa666666",
        "Aa@123456", "Aa#123456", "A123456a", "Ab123456", "Ab@123456",
        "123456Aa", "123456Aa!", "12345678Aa", "123456Abc", "123456Qq",
        "Abc123456", "Abc@123", "Abc@1234", "Abc@123456", "Abc123!@#", "Abc12345!",
        "Abcd1234!", "Abcd@1234", "Abcd@123", "Abcd123!", "Abcde12345",
        "Abcdef123", "Abc123456!", "Qq123456!", "Qq@123456", "Zz123456",
        // Words, names and years people combine with the class rules.
        "Iloveyou1", "Iloveyou1!", "Iloveyou@123", "Woaini@1314",
        "Woaini520", "Sunshine1", "Letmein1!", "Football1", "Monkey123", "Dragon123",
        "Master123", "Superman1", "Princess1", "Shadow123", "Summer2022", "Summer2022!",
        "Winter2022", "Spring2022", "Autumn2022", "China123", "China@123", "China2022",
        "Beijing123", "Beijing@123", "Shanxi123", "Shanxi@123", "Changzhi123",
        "Changzhi@123", "Zhangsan123", "Zhangsan@123", "Lisi123456", "Wangwei123",
    ]
}
