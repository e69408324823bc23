import App

await TitleReviewCommand.start()
